package org.perdition.net.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.security.Security;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/** Cipher strings and DH parameters in real handshakes (both engines where available). */
class CipherHandshakeTest {

    @TempDir
    Path dir;

    private TlsContexts server(SslProvider engine, String certFile, String keyFile, String ciphers, String dh)
            throws Exception {
        Settings s = new Settings();
        s.sslMode.add(SslMode.SSL_LISTEN);
        s.sslCertFile = certFile;
        s.sslKeyFile = keyFile;
        s.sslCaPath = null;
        s.sslNoClientCertVerify = true;
        s.sslListenCiphers = ciphers;
        s.sslDhParamsFile = dh;
        return TlsContexts.create(s, engine, PassphraseSource.of(null));
    }

    private static TlsContexts client(SslProvider engine, String ciphers) throws Exception {
        Settings s = new Settings();
        s.sslMode.add(SslMode.SSL_OUTGOING);
        s.sslCaPath = null;
        s.sslNoCertVerify = true;
        s.sslNoCnVerify = true;
        s.sslOutgoingMaxProtoVersion = "tlsv1.2";
        s.sslOutgoingCiphers = ciphers;
        return TlsContexts.create(s, engine, PassphraseSource.of(null));
    }

    @ParameterizedTest
    @MethodSource("org.perdition.net.tls.CipherStringTest#engines")
    void negotiatedSuiteComesFromTheRestrictedList(SslProvider engine) throws Exception {
        TestPki.Issued ca = TestPki.ca("Cipher CA", null);
        TestPki.Issued leaf = TestPki.server("localhost", ca, "DNS:localhost");
        String cert = TestPki.write(dir.resolve("leaf.crt"), leaf.cert(), ca.cert()).toString();
        String key = TestPki.write(dir.resolve("leaf.key"), leaf.key().getPrivate()).toString();
        // the server allows only AES-128-GCM; the client prefers AES-256 but offers both
        TlsContexts server = server(engine, cert, key, "ECDHE+AES128+AESGCM:!aRSA", null);
        List<String> allowed = Ciphers.suites("--ssl_listen_ciphers", "ECDHE+AES128+AESGCM:!aRSA", engine);
        Handshake.Outcome outcome = Handshake.run(server, client(engine, "ECDHE+AESGCM:@STRENGTH"), "localhost");
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.protocol()).isEqualTo("TLSv1.2");
        assertThat(outcome.cipherSuite()).isIn("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "ECDHE-ECDSA-AES128-GCM-SHA256");
        assertThat(allowed).contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
                .doesNotContain("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        // and with no common suite the handshake fails
        assertThat(Handshake.run(server, client(engine, "AES256"), "localhost").ok()).isFalse();
    }

    @Test
    void dhParamsFileDrivesJdkDheSuites() throws Exception {
        Openssl.run(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa.key", "-out", "rsa.crt",
                "-subj", "/CN=localhost", "-days", "2");
        Openssl.run(dir, "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048", "-out", "dh.pem");
        String dh = dir.resolve("dh.pem").toString();
        DhParams.Group group = DhParams.read(dh);
        TlsContexts server = server(SslProvider.JDK, dir.resolve("rsa.crt").toString(),
                dir.resolve("rsa.key").toString(), "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", dh);
        assertThat(Security.getProperty(DhParams.JDK_PROPERTY)).isEqualTo(group.jdkValue())
                .startsWith("{FFFFFFFFFFFFFFFFADF85458A2BB4A9AAFDC5620273D3CF1").endsWith(",2}");
        Handshake.Outcome outcome = Handshake.run(server, client(SslProvider.JDK, "DHE+AESGCM"), "localhost");
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.cipherSuite()).isEqualTo("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
    }
}
