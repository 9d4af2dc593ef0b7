package org.perdition.plugin.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.perdition.plugin.ldap.LookupAssertions.init;
import static org.perdition.plugin.ldap.LookupAssertions.value;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.perdition.plugin.api.LookupException;

/** A server that is down, comes back, or never answers (issue 5: never a hang). */
class LdapServerDownTest {

    private static SlapdServer slapd;

    @BeforeAll
    static void startSlapd() throws Exception {
        Assumptions.assumeTrue(SlapdServer.available(), "slapd, slapadd or openssl not installed");
        slapd = SlapdServer.start(Entries.POPMAP);
    }

    @AfterAll
    static void stopSlapd() throws Exception {
        if (slapd != null) {
            slapd.close();
        }
    }

    private static String url() {
        return "ldap://127.0.0.1:" + slapd.port() + "/ou=mailbox,dc=nodomain?username,mailhost,port?one?(uid=%s)"
                + "?x-timeout=2";
    }

    @Test
    void serverGoneFailsWithAccessAndRecoversWhenBack() throws Exception {
        LdapLookup lookup = init(url());
        assertThat(value(lookup, "alice")).isEqualTo("alice@imap1.example.org:143");
        slapd.stop();
        try {
            assertThatThrownBy(() -> value(lookup, "alice")).isInstanceOfSatisfying(LookupException.class,
                    e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS));
            assertThatThrownBy(() -> value(lookup, "bob")).isInstanceOf(LookupException.class);
        } finally {
            slapd.startProcess();
        }
        assertThat(value(lookup, "bob")).isEqualTo("imap2.example.org");
        lookup.close();
    }

    @Test
    void serverDownAtInitThenUp() throws Exception {
        slapd.stop();
        LdapLookup lookup;
        try {
            lookup = init(url()); // init succeeds: the daemon starts without its directory
            assertThatThrownBy(() -> value(lookup, "alice")).isInstanceOfSatisfying(LookupException.class,
                    e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS));
        } finally {
            slapd.startProcess();
        }
        assertThat(value(lookup, "alice")).isEqualTo("alice@imap1.example.org:143");
        lookup.reload();
        assertThat(value(lookup, "alice")).isEqualTo("alice@imap1.example.org:143");
        lookup.close();
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            LdapLookup lookup = init("ldap://127.0.0.1:" + silent.getLocalPort()
                    + "/ou=mailbox,dc=nodomain?username,mailhost,port?one?(uid=%s)?x-timeout=1");
            assertThatThrownBy(() -> value(lookup, "alice")).isInstanceOfSatisfying(LookupException.class,
                    e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS));
            lookup.close();
        }
    }
}
