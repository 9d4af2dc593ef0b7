package org.perdition.plugin.nis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;

/** The nis plugin against a real ypserv (test-servers.md §4 recipe A), maps built by makedbm. */
class NisLookupTest {

    private static PrivateYpServer ypserv;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startYpserv() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("alice", "imap1.example.org");
        entries.put("bob", "imap2.example.org:143");
        entries.put("carol", "carol@imap3.example.org:1143");
        entries.put("jürgen", "imap4.example.org");
        entries.put("*", "wildcard.example.org");
        ypserv = PrivateYpServer.start(entries);
    }

    @AfterAll
    static void stopYpserv() {
        if (ypserv != null) {
            ypserv.close();
        }
    }

    private NisLookup lookup(String option) throws LookupException {
        NisLookup lookup = new NisLookup(tmp.resolve("binding"), tmp.resolve("domainname"));
        lookup.init(new PluginContext(Optional.of(option), "@", "IMAP4"));
        return lookup;
    }

    private String server() {
        return "127.0.0.1:" + ypserv.port();
    }

    @Test
    void findsValuesWithUsersAndPorts() throws Exception {
        NisLookup nis = lookup("user_mail_server@" + PrivateYpServer.DOMAIN + "@" + server());
        assertThat(nis.lookup(LookupRequest.of("alice"))).isEqualTo(LookupResult.found("imap1.example.org"));
        assertThat(nis.lookup(LookupRequest.of("bob"))).isEqualTo(LookupResult.found("imap2.example.org:143"));
        assertThat(nis.lookup(LookupRequest.of("carol")))
                .isEqualTo(LookupResult.found("carol@imap3.example.org:1143"));
        assertThat(nis.lookup(LookupRequest.of("jürgen"))).isEqualTo(LookupResult.found("imap4.example.org"));
    }

    @Test
    void missingKeysAndInjectionAttemptsAreNotFound() throws Exception {
        NisLookup nis = lookup("@" + PrivateYpServer.DOMAIN + "@" + server());
        assertThat(nis.lookup(LookupRequest.of("mallory"))).isEqualTo(LookupResult.notFound());
        assertThat(nis.lookup(LookupRequest.of("alice\0"))).isEqualTo(LookupResult.notFound());
        assertThat(nis.lookup(LookupRequest.of("ALICE"))).isEqualTo(LookupResult.notFound());
        assertThat(nis.lookup(LookupRequest.of("*)(uid=*"))).isEqualTo(LookupResult.notFound());
        assertThat(nis.lookup(LookupRequest.of("' OR '1'='1"))).isEqualTo(LookupResult.notFound());
        assertThat(nis.lookup(LookupRequest.of(""))).isEqualTo(LookupResult.notFound());
        assertThat(nis.lookup(LookupRequest.of("x".repeat(5000)))).isEqualTo(LookupResult.notFound());
        // a literal "*" key is just a key, no wildcard
        assertThat(nis.lookup(LookupRequest.of("*"))).isEqualTo(LookupResult.found("wildcard.example.org"));
    }

    @Test
    void keyValueFormMeansTheSame() throws Exception {
        NisLookup nis = lookup("map=user_mail_server, domain=" + PrivateYpServer.DOMAIN + ", server=" + server()
                + ", timeout=2, attempts=2");
        assertThat(nis.lookup(LookupRequest.of("bob"))).isEqualTo(LookupResult.found("imap2.example.org:143"));
    }

    @Test
    void missingMapOrDomainIsAnAccessErrorNotNotFound() throws Exception {
        // perdition mapped these to "not found" (bug B27): here they are errors with a reason
        assertThatThrownBy(() -> lookup("no_such_map@" + PrivateYpServer.DOMAIN + "@" + server())
                .lookup(LookupRequest.of("alice")))
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS))
                .hasMessageContaining("no map no_such_map");
        assertThatThrownBy(() -> lookup("user_mail_server@other.test@" + server()).lookup(LookupRequest.of("alice")))
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS))
                .hasMessageContaining("other.test");
    }

    @Test
    void defaultDomainComesFromDomainname() throws Exception {
        Files.writeString(tmp.resolve("domainname"), PrivateYpServer.DOMAIN + "\n");
        NisLookup nis = lookup("@@" + server());
        assertThat(nis.lookup(LookupRequest.of("alice"))).isEqualTo(LookupResult.found("imap1.example.org"));

        Files.writeString(tmp.resolve("domainname"), "(none)\n");
        nis.reload();
        assertThatThrownBy(() -> nis.lookup(LookupRequest.of("alice")))
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS))
                .hasMessageContaining("no NIS domain");
    }

    @Test
    void serverFromTheBindingFile() throws Exception {
        Files.createDirectories(tmp.resolve("binding"));
        Files.write(tmp.resolve("binding").resolve(PrivateYpServer.DOMAIN + ".2"),
                BindingFileTest.bindingFile(new byte[] {127, 0, 0, 1}, ypserv.port()));
        NisLookup nis = lookup("user_mail_server@" + PrivateYpServer.DOMAIN);
        assertThat(nis.lookup(LookupRequest.of("bob"))).isEqualTo(LookupResult.found("imap2.example.org:143"));
    }

    @Test
    void serverDownFailsFastWithAccessAndRecovers() throws Exception {
        NisLookup nis = lookup("user_mail_server@" + PrivateYpServer.DOMAIN + "@" + server() + ",timeout=3");
        assertThat(nis.lookup(LookupRequest.of("alice"))).isEqualTo(LookupResult.found("imap1.example.org"));
        ypserv.stop();
        try {
            assertThatThrownBy(() -> nis.lookup(LookupRequest.of("alice")))
                    .isInstanceOfSatisfying(LookupException.class,
                            e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS))
                    .hasMessageContaining("cannot ask the NIS server");
        } finally {
            ypserv.startProcess();
        }
        assertThat(nis.lookup(LookupRequest.of("alice"))).isEqualTo(LookupResult.found("imap1.example.org"));
    }

    @Test
    void initWithTheServerDownSucceeds() throws Exception {
        NisLookup nis = lookup("user_mail_server@" + PrivateYpServer.DOMAIN + "@127.0.0.1:1,timeout=1");
        assertThatThrownBy(() -> nis.lookup(LookupRequest.of("alice")))
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS));
    }
}
