package org.perdition.net.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/** Outgoing verification end to end: a listening context serves a certificate, an outgoing one judges it. */
class TlsHandshakeTest {

    @TempDir
    static Path dir;

    static TestPki.Issued root;
    static TestPki.Issued intermediate;
    static TestPki.Issued otherRoot;
    static Path rootPem;
    static Path otherRootPem;

    static Stream<SslProvider> engines() {
        List<SslProvider> engines = new ArrayList<>(List.of(SslProvider.JDK));
        if (OpenSsl.isAvailable()) {
            engines.add(SslProvider.OPENSSL);
        }
        return engines.stream();
    }

    @BeforeAll
    static void pki() throws Exception {
        root = TestPki.ca("Test Root", null);
        intermediate = TestPki.ca("Test Intermediate", root);
        otherRoot = TestPki.ca("Other Root", null);
        rootPem = TestPki.write(dir.resolve("root.pem"), root.cert());
        otherRootPem = TestPki.write(dir.resolve("other-root.pem"), otherRoot.cert());
    }

    /** A listening context serving leaf + the given chain. */
    private static TlsContexts server(SslProvider engine, TestPki.Issued leaf, TestPki.Issued... chain)
            throws Exception {
        Object[] certs = new Object[chain.length + 1];
        certs[0] = leaf.cert();
        for (int i = 0; i < chain.length; i++) {
            certs[i + 1] = chain[i].cert();
        }
        String name = "server-" + leaf.cert().getSerialNumber();
        Settings s = new Settings();
        s.sslMode.add(SslMode.SSL_LISTEN);
        s.sslCertFile = TestPki.write(dir.resolve(name + ".crt"), certs).toString();
        s.sslKeyFile = TestPki.write(dir.resolve(name + ".key"), leaf.key().getPrivate()).toString();
        s.sslCaPath = null;
        s.sslNoClientCertVerify = true;
        return TlsContexts.create(s, engine, PassphraseSource.of(null));
    }

    private static TlsContexts client(SslProvider engine, Path caFile, Consumer<Settings> options) throws Exception {
        Settings s = new Settings();
        s.sslMode.add(SslMode.SSL_OUTGOING);
        s.sslCaFile = caFile == null ? null : caFile.toString();
        s.sslCaPath = null;
        options.accept(s);
        return TlsContexts.create(s, engine, PassphraseSource.of(null));
    }

    /** Asserts a failed handshake whose cause chain carries {@code reason} (the check that refused). */
    private static void assertRefused(Handshake.Outcome outcome, String reason) {
        assertThat(outcome.ok()).as("handshake should fail").isFalse();
        StringBuilder text = new StringBuilder();
        for (Throwable t = outcome.clientFailure(); t != null; t = t.getCause()) {
            text.append(t).append(" | ");
        }
        assertThat(text.toString()).contains(reason);
    }

    private static TestPki.Issued goodLeaf() throws Exception {
        return TestPki.server("localhost", intermediate, "DNS:localhost", "IP:127.0.0.1");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void trustedChainVerifiesAndSniIsSent(SslProvider engine) throws Exception {
        Handshake.Outcome outcome = Handshake.run(server(engine, goodLeaf(), intermediate),
                client(engine, rootPem, s -> { }), "localhost");
        assertThat(outcome.clientFailure()).isNull();
        assertThat(outcome.serverNames()).containsExactly("localhost");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void ipLiteralMatchesIpSanAndSendsNoSni(SslProvider engine) throws Exception {
        Handshake.Outcome outcome = Handshake.run(server(engine, goodLeaf(), intermediate),
                client(engine, rootPem, s -> { }), "127.0.0.1");
        assertThat(outcome.clientFailure()).isNull();
        assertThat(outcome.serverNames()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void unknownCaFails(SslProvider engine) throws Exception {
        assertRefused(Handshake.run(server(engine, goodLeaf(), intermediate),
                client(engine, otherRootPem, s -> { }), "localhost"), "certificate verify failed");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void noCertVerifyAcceptsUnknownCaButStillChecksTheName(SslProvider engine) throws Exception {
        TlsContexts server = server(engine, goodLeaf(), intermediate);
        assertThat(Handshake.run(server, client(engine, otherRootPem, s -> s.sslNoCertVerify = true),
                "localhost").ok()).isTrue();
        assertRefused(Handshake.run(server, client(engine, otherRootPem, s -> s.sslNoCertVerify = true),
                "mail.example.org"), "does not match host mail.example.org");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void wrongHostNameFailsUnlessNoCnVerify(SslProvider engine) throws Exception {
        TlsContexts server = server(engine, goodLeaf(), intermediate);
        assertRefused(Handshake.run(server, client(engine, rootPem, s -> { }), "mail.example.org"),
                "does not match host mail.example.org");
        assertThat(Handshake.run(server, client(engine, rootPem, s -> s.sslNoCnVerify = true),
                "mail.example.org").ok()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void expiredFailsUnlessAcceptExpired(SslProvider engine) throws Exception {
        TestPki.Issued expired = TestPki.issue("localhost", intermediate, false,
                TestPki.NOW.minus(Duration.ofDays(20)), TestPki.NOW.minus(Duration.ofDays(2)), "DNS:localhost");
        TlsContexts server = server(engine, expired, intermediate);
        assertRefused(Handshake.run(server, client(engine, rootPem, s -> { }), "localhost"),
                "certificate has expired");
        assertThat(Handshake.run(server, client(engine, rootPem, s -> s.sslCertAcceptExpired = true),
                "localhost").ok()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void notYetValidFailsUnlessAcceptNotYetValid(SslProvider engine) throws Exception {
        TestPki.Issued future = TestPki.issue("localhost", intermediate, false,
                TestPki.NOW.plus(Duration.ofDays(2)), TestPki.NOW.plus(Duration.ofDays(20)), "DNS:localhost");
        TlsContexts server = server(engine, future, intermediate);
        assertRefused(Handshake.run(server, client(engine, rootPem, s -> s.sslCertAcceptExpired = true),
                "localhost"), "certificate is not yet valid");
        assertThat(Handshake.run(server, client(engine, rootPem, s -> s.sslCertAcceptNotYetValid = true),
                "localhost").ok()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void selfSignedLeafFailsUnlessAcceptSelfSigned(SslProvider engine) throws Exception {
        TestPki.Issued self = TestPki.issue("localhost", null, false, TestPki.NOW.minus(Duration.ofDays(1)),
                TestPki.NOW.plus(Duration.ofDays(1)), "DNS:localhost");
        TlsContexts server = server(engine, self);
        assertRefused(Handshake.run(server, client(engine, rootPem, s -> s.sslCaAcceptSelfSigned = true),
                "localhost"), "self signed certificate");
        assertThat(Handshake.run(server, client(engine, rootPem, s -> s.sslCertAcceptSelfSigned = true),
                "localhost").ok()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void selfSignedRootInChainFailsUnlessCaAcceptSelfSigned(SslProvider engine) throws Exception {
        TlsContexts server = server(engine, goodLeaf(), intermediate, root);
        assertRefused(Handshake.run(server, client(engine, otherRootPem, s -> s.sslCertAcceptSelfSigned = true),
                "localhost"), "self signed certificate in certificate chain");
        assertThat(Handshake.run(server, client(engine, otherRootPem, s -> s.sslCaAcceptSelfSigned = true),
                "localhost").ok()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void chainLongerThanVerifyDepthFails(SslProvider engine) throws Exception {
        TestPki.Issued second = TestPki.ca("Second Intermediate", intermediate);
        TestPki.Issued leaf = TestPki.server("localhost", second, "DNS:localhost");
        TlsContexts server = server(engine, leaf, second, intermediate); // + root = 4 certificates
        assertRefused(Handshake.run(server, client(engine, rootPem, s -> s.sslCertVerifyDepth = 2),
                "localhost"), "certificate chain too long: 4 certificates, at most 3");
        assertThat(Handshake.run(server, client(engine, rootPem, s -> s.sslCertVerifyDepth = 3),
                "localhost").ok()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void clientCertificateIsRequestedWhenACaIsConfigured(SslProvider engine) throws Exception {
        TestPki.Issued leaf = goodLeaf();
        Settings s = new Settings();
        s.sslMode.add(SslMode.SSL_LISTEN);
        s.sslCertFile = TestPki.write(dir.resolve("cc-" + engine + ".crt"), leaf.cert(), intermediate.cert()).toString();
        s.sslKeyFile = TestPki.write(dir.resolve("cc-" + engine + ".key"), leaf.key().getPrivate()).toString();
        s.sslCaPath = null;
        s.sslCaChainFile = rootPem.toString();
        TlsContexts server = TlsContexts.create(s, engine, PassphraseSource.of(null));
        // The outgoing side presents no client certificate (spec §1.2); OPTIONAL lets it through.
        Handshake.Outcome outcome = Handshake.run(server, client(engine, rootPem, o -> { }), "localhost");
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.clientCertSeen()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void versionsAndCipherListApply(SslProvider engine) throws Exception {
        TlsContexts server = server(engine, goodLeaf(), intermediate);
        Handshake.Outcome tls12 = Handshake.run(server, client(engine, rootPem, s -> {
            s.sslOutgoingMaxProtoVersion = "tlsv1.2";
            s.sslOutgoingCiphers = "ECDHE-ECDSA-AES256-GCM-SHA384";
        }), "localhost");
        assertThat(tls12.ok()).isTrue();
        assertThat(tls12.protocol()).isEqualTo("TLSv1.2");
        assertThat(tls12.cipherSuite()).isIn("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384");
        assertThat(Handshake.run(server, client(engine, rootPem, s -> { }), "localhost").protocol())
                .isEqualTo("TLSv1.3");
        // the listen side's floor: a TLS 1.3-only server refuses a TLS 1.2-only client
        TestPki.Issued leaf = goodLeaf();
        Settings s = new Settings();
        s.sslMode.add(SslMode.SSL_LISTEN);
        s.sslCertFile = TestPki.write(dir.resolve("v13-" + engine + ".crt"), leaf.cert(), intermediate.cert()).toString();
        s.sslKeyFile = TestPki.write(dir.resolve("v13-" + engine + ".key"), leaf.key().getPrivate()).toString();
        s.sslCaPath = null;
        s.sslListenMinProtoVersion = "tlsv1.3";
        TlsContexts only13 = TlsContexts.create(s, engine, PassphraseSource.of(null));
        assertThat(Handshake.run(only13, client(engine, rootPem, o -> o.sslOutgoingMaxProtoVersion = "tlsv1.2"),
                "localhost").ok()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void clientCertificatesAreVerifiedAgainstTheListenSideCas(SslProvider engine) throws Exception {
        TestPki.Issued leaf = goodLeaf();
        Settings s = new Settings();
        s.sslMode.add(SslMode.SSL_LISTEN);
        s.sslCertFile = TestPki.write(dir.resolve("ccv-" + engine + ".crt"), leaf.cert(), intermediate.cert()).toString();
        s.sslKeyFile = TestPki.write(dir.resolve("ccv-" + engine + ".key"), leaf.key().getPrivate()).toString();
        s.sslCaPath = null;
        s.sslCaChainFile = rootPem.toString();
        TlsContexts server = TlsContexts.create(s, engine, PassphraseSource.of(null));
        TestPki.Issued trustedUser = TestPki.server("user", intermediate);
        TestPki.Issued strangerUser = TestPki.server("stranger", otherRoot);
        io.netty.handler.ssl.SslContext trusted = clientWithCertificate(engine, trustedUser.key().getPrivate(), trustedUser.cert(), intermediate.cert());
        io.netty.handler.ssl.SslContext stranger = clientWithCertificate(engine, strangerUser.key().getPrivate(), strangerUser.cert());
        assertThat(Handshake.run(server, alloc -> trusted.newHandler(alloc, "localhost", 993)).clientCertSeen())
                .isTrue();
        // (clientWithCertificate pins TLS 1.2: in TLS 1.3 the server judges the client
        // certificate after the client's handshake has already completed.)
        assertThat(Handshake.run(server, alloc -> stranger.newHandler(alloc, "localhost", 993)).ok())
                .isFalse();
        s.sslNoClientCertVerify = true;
        TlsContexts notAsking = TlsContexts.create(s, engine, PassphraseSource.of(null));
        Handshake.Outcome ignored = Handshake.run(notAsking, alloc -> stranger.newHandler(alloc, "localhost", 993));
        assertThat(ignored.ok()).isTrue();
        assertThat(ignored.clientCertSeen()).isFalse();
    }

    private static io.netty.handler.ssl.SslContext clientWithCertificate(SslProvider engine,
            java.security.PrivateKey key, java.security.cert.X509Certificate... chain) throws Exception {
        return io.netty.handler.ssl.SslContextBuilder.forClient().sslProvider(engine)
                .protocols("TLSv1.2")
                .keyManager(key, chain)
                .trustManager(io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE)
                .build();
    }
}
