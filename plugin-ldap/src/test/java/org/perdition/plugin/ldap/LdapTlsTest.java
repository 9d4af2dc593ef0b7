package org.perdition.plugin.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;

/**
 * {@code ldaps://} and StartTLS (RFC 4513 §3, {@code x-starttls}) against the private slapd and its
 * throwaway certificate; the trust comes from {@code x-tls-cacert}, {@code LDAPTLS_CACERT} or
 * ldap.conf's {@code TLS_CACERT} ({@link LdapConfTrust}). A certificate the configured CA did not
 * sign is an ACCESS error.
 */
class LdapTlsTest {

    private static final String SEARCH = "/ou=mailbox,dc=nodomain?username,mailhost,port?one?(uid=%s)";

    private static SlapdServer slapd;

    @TempDir
    static Path tmp;

    /** A CA that signed nothing slapd has. */
    private static Path otherCa;

    @BeforeAll
    static void startSlapd() throws Exception {
        Assumptions.assumeTrue(SlapdServer.available(), "slapd, slapadd or openssl not installed");
        slapd = SlapdServer.start(Entries.POPMAP);
        otherCa = tmp.resolve("other-ca.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", tmp.resolve("other-key.pem").toString(), "-out", otherCa.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("openssl.log").toFile()).start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0)
                .as("openssl: %s", Files.readString(tmp.resolve("openssl.log"))).isTrue();
    }

    @AfterAll
    static void stopSlapd() throws Exception {
        if (slapd != null) {
            slapd.close();
        }
    }

    private static String ldaps() {
        return "ldaps://127.0.0.1:" + slapd.tlsPort() + SEARCH;
    }

    private static String startTls() {
        return "ldap://127.0.0.1:" + slapd.port() + SEARCH + "?x-starttls";
    }

    /** A lookup whose environment is {@code environment}, with no system ldap.conf. */
    private static LdapLookup init(String option, Map<String, String> environment) throws LookupException {
        LdapLookup lookup = new LdapLookup(new LdapConfTrust(environment, tmp.resolve("no-ldap.conf")));
        lookup.init(new PluginContext(Optional.of(option), "@", "IMAP4"));
        return lookup;
    }

    private static void assertFound(LdapLookup lookup) throws LookupException {
        try {
            assertThat(lookup.lookup(LookupRequest.of("alice")))
                    .isEqualTo(LookupResult.found("alice@imap1.example.org:143"));
        } finally {
            lookup.close();
        }
    }

    private static void assertRefused(LdapLookup lookup) {
        try {
            assertThatThrownBy(() -> lookup.lookup(LookupRequest.of("alice")))
                    .isInstanceOfSatisfying(LookupException.class,
                            e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS))
                    .hasMessageContaining("127.0.0.1");
        } finally {
            lookup.close();
        }
    }

    @Test
    void ldapsTrustsTheCaOfTheUrl() throws Exception {
        assertFound(init(ldaps() + "?x-tls-cacert=" + slapd.certificate(), Map.of()));
    }

    @Test
    void startTlsTrustsTheCaOfTheUrlAndThenBinds() throws Exception {
        assertFound(init(startTls() + ",x-tls-cacert=" + slapd.certificate()
                + ",bindname=cn=admin%2cdc=nodomain,x-bindpw=secret", Map.of()));
    }

    @Test
    void ldapsTrustsLdaptlsCacertFromTheEnvironment() throws Exception {
        assertFound(init(ldaps(), Map.of("LDAPTLS_CACERT", slapd.certificate().toString())));
    }

    @Test
    void startTlsTrustsTlsCacertFromLdapConf() throws Exception {
        Path conf = tmp.resolve("ldap.conf");
        Files.writeString(conf, "# site defaults\nBASE dc=nodomain\ntls_cacert   " + slapd.certificate() + "\n");
        assertFound(init(startTls(), Map.of("LDAPCONF", conf.toString())));
    }

    @Test
    void theUrlsCaWinsOverTheEnvironment() throws Exception {
        assertRefused(init(ldaps() + "?x-tls-cacert=" + otherCa,
                Map.of("LDAPTLS_CACERT", slapd.certificate().toString())));
    }

    @Test
    void ldapsRefusesACertificateTheConfiguredCaDidNotSign() throws Exception {
        assertRefused(init(ldaps() + "?x-tls-cacert=" + otherCa, Map.of()));
    }

    @Test
    void startTlsRefusesACertificateTheConfiguredCaDidNotSign() throws Exception {
        assertRefused(init(startTls() + ",x-tls-cacert=" + otherCa, Map.of()));
    }

    @Test
    void withoutACaFileTheJvmTrustStoreRefusesTheThrowawayCertificate() throws Exception {
        assertRefused(init(ldaps(), Map.of()));
        assertRefused(init(startTls(), Map.of()));
    }

    @Test
    void anUnreadableCaFileIsAnAccessErrorNamingIt() throws Exception {
        LdapLookup lookup = init(ldaps(), Map.of("LDAPTLS_CACERT", tmp.resolve("missing.pem").toString()));
        try {
            assertThatThrownBy(() -> lookup.lookup(LookupRequest.of("alice")))
                    .isInstanceOfSatisfying(LookupException.class,
                            e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS))
                    .hasMessageContaining("cannot read the CA file " + tmp.resolve("missing.pem"));
        } finally {
            lookup.close();
        }
    }

    @Test
    void reqcertNeverTrustsAnyCertificate() throws Exception {
        assertFound(init(startTls() + ",x-tls-cacert=" + otherCa + ",x-tls-reqcert=never", Map.of()));
    }
}
