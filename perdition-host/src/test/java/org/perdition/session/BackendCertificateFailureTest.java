package org.perdition.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.session.BackendCertificates.Issued;

/**
 * Issue 3, end to end: the proxy with ssl_outgoing in front of a TLS back-end that presents a bad
 * certificate. Each case checks the three things a user sees: the client's
 * "-ERR failed: Connection Negotiation Failure" (perdition dropped the client silently, bug B20),
 * one log line naming the reason, no credentials sent to the back-end; then that the matching
 * relaxation option (spec §1.2) lets the same login through.
 */
class BackendCertificateFailureTest extends TlsProxyFixture {

    private static final String NEGOTIATION_FAILURE = "-ERR failed: Connection Negotiation Failure";
    private static final String HANDSHAKE_FAILED = "TLS handshake with the back-end failed: ";

    @Test
    void expiredCertificate() throws Exception {
        Issued ca = BackendCertificates.root("Test CA");
        Instant now = Instant.now();
        Issued server = BackendCertificates.server(ca, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)),
                "127.0.0.1", "localhost");
        assertRefusedThenRelaxed(server, trusting(ca), "certificate has expired", s -> s.sslCertAcceptExpired = true);
    }

    @Test
    void certificateForTheWrongHostName() throws Exception {
        Issued ca = BackendCertificates.root("Test CA");
        Issued server = BackendCertificates.server(ca, "mail.example.org");
        assertRefusedThenRelaxed(server, trusting(ca), "certificate name does not match host 127.0.0.1",
                s -> s.sslNoCnVerify = true);
    }

    @Test
    void selfSignedCertificate() throws Exception {
        Issued ca = BackendCertificates.root("Test CA");
        Issued server = BackendCertificates.server(null, "127.0.0.1", "localhost");
        assertRefusedThenRelaxed(server, trusting(ca), "self signed certificate",
                s -> s.sslCertAcceptSelfSigned = true);
    }

    @Test
    void certificateFromAnUnknownCa() throws Exception {
        // the back-end sends its own root along: an unknown, self-signed CA in the chain
        Issued trusted = BackendCertificates.root("Trusted CA");
        Issued unknown = BackendCertificates.root("Unknown CA");
        Issued server = BackendCertificates.server(unknown, "127.0.0.1", "localhost");
        Issued presentingRoot = new Issued(server.certificate(), server.keys(),
                List.of(server.certificate(), unknown.certificate()));
        assertRefusedThenRelaxed(presentingRoot, trusting(trusted), "self signed certificate in certificate chain",
                s -> s.sslCaAcceptSelfSigned = true);
    }

    @Test
    void certificateFromAnUnknownCaThatIsNotSentIsRefusedWhateverTheRelaxations() throws Exception {
        Issued trusted = BackendCertificates.root("Trusted CA");
        Issued unknown = BackendCertificates.root("Unknown CA");
        Issued server = BackendCertificates.server(unknown, "127.0.0.1", "localhost");
        Consumer<Settings> everyRelaxation = s -> {
            s.sslCaAcceptSelfSigned = true;
            s.sslCertAcceptSelfSigned = true;
            s.sslCertAcceptExpired = true;
            s.sslNoCnVerify = true;
        };
        // the log names the JDK PKIX validator's reason (the root cause of RelaxedTrustManager's
        // "certificate verify failed: ...")
        assertRefused(server, trusting(trusted).andThen(everyRelaxation),
                "does not chain with any of the trust anchors");
    }

    @Test
    void chainDeeperThanTheVerifyDepth() throws Exception {
        // root (trusted) -> intermediate -> server: 3 certificates, depth 0 allows 1
        Issued root = BackendCertificates.root("Test Root");
        Issued intermediate = BackendCertificates.intermediate(root, "Test Intermediate");
        Issued server = BackendCertificates.server(intermediate, "127.0.0.1", "localhost");
        assertThat(server.chain()).hasSize(2);
        Consumer<Settings> trustRoot = trusting(root);
        assertRefusedThenRelaxed(server, trustRoot.andThen(s -> s.sslCertVerifyDepth = 0),
                "certificate chain too long", s -> s.sslCertVerifyDepth = 2);
    }

    @Test
    void theSameChainWithinTheDefaultDepthLogsIn() throws Exception {
        Issued root = BackendCertificates.root("Test Root");
        Issued intermediate = BackendCertificates.intermediate(root, "Test Intermediate");
        Issued server = BackendCertificates.server(intermediate, "127.0.0.1", "localhost");
        assertThat(login(server, trusting(root))).isEqualTo("+OK You are so in");
    }

    @Test
    void expiredCertificateAfterStlsWithTlsOutgoing() throws Exception {
        Issued ca = BackendCertificates.root("Test CA");
        Instant now = Instant.now();
        Issued server = BackendCertificates.server(ca, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)),
                "127.0.0.1", "localhost");
        FakeTlsBackend refused = closeLater(new FakeTlsBackend(server.serverContext(), false,
                FakeTlsBackend.pop3WithStls("+OK Begin TLS\r\n", "secret")));
        Consumer<Settings> stls = s -> {
            s.sslMode.add(SslMode.TLS_OUTGOING);
            s.outgoingServers.add("127.0.0.1:" + refused.port());
        };
        TlsLineClient client = client(proxy(Protocol.POP3, trusting(ca).andThen(stls)), false);
        client.read();
        client.ask("USER bob");
        assertThat(client.ask("PASS secret")).isEqualTo(NEGOTIATION_FAILURE);
        assertThat(refused.received()).containsExactly("CAPA", "STLS");
        assertThat(waitForLog(HANDSHAKE_FAILED)).contains(HANDSHAKE_FAILED + "certificate has expired");
    }

    @Test
    void certificateForTheWrongHostNameRefusesAnImapLogin() throws Exception {
        Issued ca = BackendCertificates.root("Test CA");
        FakeTlsBackend backend = backend(BackendCertificates.server(ca, "mail.example.org"));
        Consumer<Settings> options = modes(SslMode.SSL_OUTGOING).andThen(trusting(ca))
                .andThen(s -> s.outgoingServers.add("127.0.0.1:" + backend.port()));
        TlsLineClient client = client(proxy(Protocol.IMAP4, options), false);
        assertThat(client.read()).startsWith("* OK");
        assertThat(client.ask("t1 LOGIN bob secret")).isEqualTo("t1 NO failed: Connection Negotiation Failure");
        assertThat(backend.received()).isEmpty();
        assertThat(waitForLog(HANDSHAKE_FAILED)).contains(HANDSHAKE_FAILED + "certificate name does not match host");
    }

    private Consumer<Settings> trusting(Issued ca) throws Exception {
        Path file = BackendCertificates.pem(dir.resolve("ca-" + System.nanoTime() + ".pem"), ca.certificate());
        return s -> s.sslCaFile = file.toString();
    }

    private void assertRefusedThenRelaxed(Issued server, Consumer<Settings> options, String reason,
            Consumer<Settings> relaxation) throws Exception {
        assertRefused(server, options, reason);
        assertThat(login(server, options.andThen(relaxation)))
                .as("with the relaxation; log:%n%s", waitForLog("")).isEqualTo("+OK You are so in");
    }

    private void assertRefused(Issued server, Consumer<Settings> options, String reason) throws Exception {
        FakeTlsBackend backend = backend(server);
        assertThat(login(backend, options)).isEqualTo(NEGOTIATION_FAILURE);
        assertThat(backend.received()).as("nothing reaches a back-end that is not trusted").isEmpty();
        String log = waitForLog(HANDSHAKE_FAILED);
        assertThat(log.lines().filter(line -> line.contains(HANDSHAKE_FAILED)))
                .as("log:%n%s", log).singleElement(STRING)
                .contains(reason);
    }

    private String login(Issued server, Consumer<Settings> options) throws Exception {
        return login(backend(server), options);
    }

    private String login(FakeTlsBackend backend, Consumer<Settings> options) throws Exception {
        InetSocketAddress proxy = proxy(Protocol.POP3, modes(SslMode.SSL_OUTGOING).andThen(options)
                .andThen(s -> s.outgoingServers.add("127.0.0.1:" + backend.port())));
        TlsLineClient client = client(proxy, false);
        client.read();
        client.ask("USER bob");
        return client.ask("PASS secret");
    }

    private FakeTlsBackend backend(Issued server) throws Exception {
        return closeLater(new FakeTlsBackend(server.serverContext(), true, c -> {
            c.send("+OK fake POP3S ready\r\n");
            FakeTlsBackend.pop3Login(c, c.read(), "secret");
        }));
    }
}
