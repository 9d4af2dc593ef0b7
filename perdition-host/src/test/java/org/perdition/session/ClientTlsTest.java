package org.perdition.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.perdition.config.Protocol;
import org.perdition.config.SslMode;

/**
 * The client side of TLS through the running proxy: ssl_listen, STLS/STARTTLS, tls_listen_force,
 * and the command injection attacks on the switch (CVE-2011-0411 and relatives), each by name.
 */
class ClientTlsTest extends TlsProxyFixture {

    private InetSocketAddress pop3(FakeBackend backend, SslMode... modes) throws Exception {
        return proxy(Protocol.POP3, modes(modes).andThen(s -> {
            if (backend != null) {
                s.outgoingServers.add("127.0.0.1:" + backend.port());
            }
        }));
    }

    private InetSocketAddress imap(SslMode... modes) throws Exception {
        return proxy(Protocol.IMAP4, modes(modes));
    }

    @Test
    void sslListenGreetsOnlyOverTlsAndLogsSsl() throws Exception {
        FakeBackend b = plainBackend(FakeBackend.pop3Accepting("secret"));
        TlsLineClient c = client(pop3(b, SslMode.SSL_LISTEN), true);
        assertThat(c.read()).startsWith("+OK POP3 perditon ready on ");
        // no STLS offered once in TLS (spec §3.4)
        assertThat(c.ask("CAPA")).isEqualTo("+OK Capability list follows, mate");
        assertThat(c.readUntil(".")).doesNotContain("STLS");
        c.ask("USER bob");
        assertThat(c.ask("PASS secret")).isEqualTo("+OK You are so in");
        assertThat(c.ask("STAT")).isEqualTo("+OK echo STAT");
        assertThat(waitForLog("status=\"ok\"")).contains("client-secure=ssl ")
                .contains("server-secure=plaintext");
    }

    @Test
    void pop3StlsThenLoginLogsStarttls() throws Exception {
        FakeBackend b = plainBackend(FakeBackend.pop3Accepting("secret"));
        TlsLineClient c = client(pop3(b, SslMode.TLS_LISTEN), false);
        c.read();
        c.send("CAPA\r\n");
        assertThat(c.readUntil(".")).contains("STLS");
        assertThat(c.ask("STLS")).isEqualTo("+OK Begin TLS negotiation, mate");
        c.startTls();
        c.send("CAPA\r\n");
        assertThat(c.readUntil(".")).doesNotContain("STLS");
        c.ask("USER bob");
        assertThat(c.ask("PASS secret")).isEqualTo("+OK You are so in");
        assertThat(waitForLog("status=\"ok\"")).contains("client-secure=starttls ");
    }

    @Test
    void samePacketInjectionAfterStlsIsDiscarded() throws Exception {
        FakeBackend b = plainBackend(FakeBackend.pop3Accepting("secret"));
        TlsLineClient c = client(pop3(b, SslMode.TLS_LISTEN), false);
        c.read();
        // CVE-2011-0411: commands behind STLS in the same packet must not run inside the TLS session
        c.send("STLS\r\nUSER bob\r\nPASS secret\r\n");
        assertThat(c.read()).isEqualTo("+OK Begin TLS negotiation, mate");
        c.startTls();
        // the first reply over TLS is the reply to our CAPA, not to the injected USER/PASS
        assertThat(c.ask("CAPA")).isEqualTo("+OK Capability list follows, mate");
        assertThat(b.received()).isEmpty();
        assertThat(waitForLog("pipelined after STARTTLS")).contains("Discarding 23 bytes pipelined after STARTTLS");
    }

    @Test
    void loneLineFeedInjectionAfterStlsIsDiscarded() throws Exception {
        FakeBackend b = plainBackend(FakeBackend.pop3Accepting("secret"));
        TlsLineClient c = client(pop3(b, SslMode.TLS_LISTEN), false);
        c.read();
        c.send("STLS\nUSER bob\nPASS secret\n");
        assertThat(c.read()).isEqualTo("+OK Begin TLS negotiation, mate");
        c.startTls();
        assertThat(c.ask("USER alice")).isEqualTo("+OK USER alice set, mate");
        assertThat(c.ask("PASS secret")).isEqualTo("+OK You are so in");
        assertThat(b.received()).containsSubsequence("USER alice", "PASS secret").doesNotContain("USER bob");
    }

    @Test
    void imapSamePacketInjectionAfterStarttlsIsDiscarded() throws Exception {
        TlsLineClient c = client(imap(SslMode.TLS_LISTEN), false);
        c.read();
        c.send("a STARTTLS\r\nb LOGIN bob secret\r\n");
        assertThat(c.read()).isEqualTo("a OK Begin TLS negotiation now");
        c.startTls();
        assertThat(c.ask("c NOOP")).startsWith("c OK");
        assertThat(waitForLog("Discarding")).doesNotContain("Auth:");
    }

    @Test
    void switchAtTheEndOfALiteralStillDiscardsWhatFollows() throws Exception {
        TlsLineClient c = client(imap(SslMode.TLS_LISTEN), false);
        c.read();
        c.send("a ID (\"name\" {4}\r\n");
        assertThat(c.read()).startsWith("+");
        // the literal's end, STARTTLS and an injected LOGIN arrive in one packet
        c.send("evil)\r\nb STARTTLS\r\nc LOGIN bob secret\r\n");
        assertThat(c.readUntil("a ")).last().asString().startsWith("a OK");
        assertThat(c.read()).isEqualTo("b OK Begin TLS negotiation now");
        c.startTls();
        assertThat(c.ask("d NOOP")).startsWith("d OK");
        assertThat(waitForLog("Discarding")).contains("Discarding 20 bytes").doesNotContain("Auth:");
    }

    @Test
    void secondStlsIsRefused() throws Exception {
        TlsLineClient pop = client(pop3(null, SslMode.TLS_LISTEN), false);
        pop.read();
        pop.ask("STLS");
        pop.startTls();
        assertThat(pop.ask("STLS")).isEqualTo("-ERR TLS already active, mate");

        TlsLineClient imap = client(imap(SslMode.TLS_LISTEN), false);
        imap.read();
        imap.ask("a STARTTLS");
        imap.startTls();
        assertThat(imap.ask("b STARTTLS")).isEqualTo("b BAD SSL already active, mate");
    }

    @Test
    void stlsAfterLoginIsRelayedNotActedOn() throws Exception {
        // After login the session is a relay: we never start TLS ourselves mid-relay.
        FakeBackend b = plainBackend(FakeBackend.pop3Accepting("secret"));
        TlsLineClient c = client(pop3(b, SslMode.TLS_LISTEN), false);
        c.read();
        c.ask("USER bob");
        assertThat(c.ask("PASS secret")).isEqualTo("+OK You are so in");
        assertThat(c.ask("STLS")).isEqualTo("+OK echo STLS");
        assertThat(b.received()).contains("STLS");
    }

    @Test
    void tlsListenForceRefusesLoginInClearThenAllowsItOverTls() throws Exception {
        FakeBackend b = plainBackend(FakeBackend.pop3Accepting("secret"));
        TlsLineClient c = client(pop3(b, SslMode.TLS_LISTEN, SslMode.TLS_LISTEN_FORCE), false);
        c.read();
        c.ask("USER bob");
        assertThat(c.ask("PASS secret")).isEqualTo("-ERR failed: Login Disabled");
        assertThat(b.received()).isEmpty();
        assertThat(waitForLog("Login Disabled")).contains("client-secure=plaintext")
                .contains("status=\"failed: Login Disabled\"");
        assertThat(c.ask("STLS")).isEqualTo("+OK Begin TLS negotiation, mate");
        c.startTls();
        c.ask("USER bob");
        assertThat(c.ask("PASS secret")).isEqualTo("+OK You are so in");
    }

    @Test
    void afterAFailedLoginTheClientStaysInTls() throws Exception {
        // perdition forgot the client was in TLS after a failed login (bug B4)
        FakeBackend b = plainBackend(FakeBackend.pop3Accepting("secret"));
        TlsLineClient c = client(pop3(b, SslMode.TLS_LISTEN_FORCE), false);
        c.read();
        c.ask("STLS");
        c.startTls();
        c.ask("USER bob");
        assertThat(c.ask("PASS wrong")).isEqualTo("-ERR failed: Re-Authentication Failure");
        assertThat(c.ask("STLS")).isEqualTo("-ERR TLS already active, mate");
        c.ask("USER bob");
        assertThat(c.ask("PASS secret")).isEqualTo("+OK You are so in");
        String log = waitForLog("status=\"ok\"");
        assertThat(log).doesNotContain("client-secure=plaintext");
        assertThat(log.split("client-secure=starttls", -1)).hasSize(3);
    }

    @Test
    void imapTlsListenForceSaysLoginDisabledBeforeStarttls() throws Exception {
        TlsLineClient c = client(imap(SslMode.TLS_LISTEN_FORCE), false);
        assertThat(c.read()).contains("STARTTLS").contains("LOGINDISABLED");
        assertThat(c.ask("a LOGIN bob secret")).isEqualTo("a NO failed: Login Disabled");
        c.ask("b STARTTLS");
        c.startTls();
        c.send("c CAPABILITY\r\n");
        assertThat(c.readUntil("c ").get(0)).doesNotContain("LOGINDISABLED").doesNotContain("STARTTLS");
    }
}
