package org.perdition.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/** The back-end side of TLS: ssl_outgoing, STLS to the back-end, its failures and response injection. */
class BackendTlsTest extends TlsProxyFixture {

    private InetSocketAddress pop3To(int port, Consumer<Settings> options) throws Exception {
        return proxy(Protocol.POP3, options.andThen(s -> s.outgoingServers.add("127.0.0.1:" + port)));
    }

    private static String login(TlsLineClient c, String password) throws Exception {
        c.read();
        c.ask("USER bob");
        return c.ask("PASS " + password);
    }

    @Test
    void stlsToTheBackendThenLoginOverTls() throws Exception {
        FakeTlsBackend b = tlsBackend(false, FakeTlsBackend.pop3WithStls("+OK Begin TLS\r\n", "secret"));
        TlsLineClient c = client(pop3To(b.port(), modes(SslMode.TLS_OUTGOING)), false);
        assertThat(login(c, "secret")).isEqualTo("+OK You are so in");
        assertThat(c.ask("STAT")).isEqualTo("+OK echo STAT");
        assertThat(b.received()).containsExactly("CAPA", "STLS", "tls: USER bob", "tls: PASS secret", "tls: STAT");
        assertThat(waitForLog("status=\"ok\"")).contains("server-secure=starttls");
    }

    @Test
    void backendResponseInjectionAfterStlsIsDiscarded() throws Exception {
        // The back-end's go-ahead and an injected line in one write: the injected line came in
        // clear and must not be taken as the reply to USER over TLS.
        FakeTlsBackend b = tlsBackend(false,
                FakeTlsBackend.pop3WithStls("+OK Begin TLS\r\n+OK injected\r\n", "secret"));
        TlsLineClient c = client(pop3To(b.port(), modes(SslMode.TLS_OUTGOING).andThen(s -> s.serverRespLine = true)),
                false);
        // with -o the client sees the back-end's real final line: the reply to PASS over TLS
        assertThat(login(c, "secret")).isEqualTo("+OK logged in");
        assertThat(b.received()).containsExactly("CAPA", "STLS", "tls: USER bob", "tls: PASS secret");
        assertThat(waitForLog("Discarding")).contains("Discarding 14 bytes the back-end sent in clear");
    }

    @Test
    void stlsRefusedByTheBackendIsAFailureNotTlsAnyway() throws Exception {
        // perdition started TLS whatever the reply (bug B9)
        FakeTlsBackend b = tlsBackend(false, FakeTlsBackend.pop3WithStls("-ERR not today\r\n", "secret"));
        TlsLineClient c = client(pop3To(b.port(), modes(SslMode.TLS_OUTGOING)), false);
        assertThat(login(c, "secret")).isEqualTo("-ERR failed: Connection Negotiation Failure");
        assertThat(b.received()).startsWith("CAPA", "STLS").doesNotContain("USER bob", "tls: USER bob");
    }

    @Test
    void tlsOutgoingWithoutStlsLogsInInClear() throws Exception {
        FakeTlsBackend b = tlsBackend(false, FakeTlsBackend.pop3WithoutStls("secret"));
        TlsLineClient c = client(pop3To(b.port(), modes(SslMode.TLS_OUTGOING)), false);
        assertThat(login(c, "secret")).isEqualTo("+OK You are so in");
        assertThat(b.received()).containsExactly("CAPA", "USER bob", "PASS secret");
        assertThat(waitForLog("status=\"ok\"")).contains("server-secure=plaintext");
    }

    @Test
    void tlsOutgoingForceWithoutStlsNeverSendsCredentials() throws Exception {
        FakeTlsBackend b = tlsBackend(false, FakeTlsBackend.pop3WithoutStls("secret"));
        TlsLineClient c = client(pop3To(b.port(), modes(SslMode.TLS_OUTGOING, SslMode.TLS_OUTGOING_FORCE)), false);
        assertThat(login(c, "secret")).isEqualTo("-ERR failed: TLS not present");
        assertThat(b.received()).startsWith("CAPA").doesNotContain("USER bob", "PASS secret");
        assertThat(waitForLog("TLS not present")).contains("server-secure=plaintext");
    }

    @Test
    void sslOutgoingVerifiesTheBackendCertificate() throws Exception {
        FakeTlsBackend b = tlsBackend(true, c -> {
            c.send("+OK fake POP3S ready\r\n");
            FakeTlsBackend.pop3Login(c, c.read(), "secret");
        });
        TlsLineClient c = client(pop3To(b.port(), modes(SslMode.SSL_OUTGOING)), false);
        assertThat(login(c, "secret")).isEqualTo("+OK You are so in");
        assertThat(b.received()).containsExactly("tls: USER bob", "tls: PASS secret");
        assertThat(waitForLog("status=\"ok\"")).contains("client-secure=plaintext").contains("server-secure=ssl");
    }

    @Test
    void sslOutgoingToAnUntrustedCertificateFailsWithAReply() throws Exception {
        // perdition dropped the client without a reply here (bug B20)
        FakeTlsBackend b = tlsBackend(true, c -> c.send("+OK never seen\r\n"));
        TlsLineClient c = client(pop3To(b.port(), modes(SslMode.SSL_OUTGOING).andThen(s -> s.sslCaFile = null)),
                false);
        assertThat(login(c, "secret")).isEqualTo("-ERR failed: Connection Negotiation Failure");
        assertThat(b.received()).isEmpty();
        assertThat(waitForLog("TLS handshake with the back-end failed")).contains("TLS handshake with the back-end failed: ");
    }

    @Test
    void sslAllBothSides() throws Exception {
        FakeTlsBackend b = tlsBackend(true, c -> {
            c.send("+OK fake POP3S ready\r\n");
            FakeTlsBackend.pop3Login(c, c.read(), "secret");
        });
        TlsLineClient c = client(pop3To(b.port(), modes(SslMode.SSL_LISTEN, SslMode.SSL_OUTGOING)), true);
        assertThat(login(c, "secret")).isEqualTo("+OK You are so in");
        assertThat(c.ask("NOOP")).isEqualTo("+OK echo NOOP");
        assertThat(waitForLog("status=\"ok\"")).contains("client-secure=ssl").contains("server-secure=ssl");
    }
}
