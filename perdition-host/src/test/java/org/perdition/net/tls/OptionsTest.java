package org.perdition.net.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/** Protocol versions, cipher strings, DH parameters, CA file/path options. */
class OptionsTest {

    @TempDir
    Path dir;

    @Test
    void protocolRanges() throws Exception {
        assertThat(ProtocolVersions.range("listen", "tlsv1", null))
                .containsExactly("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
        assertThat(ProtocolVersions.range("listen", "TLSv1.2", "tlsv1.2")).containsExactly("TLSv1.2");
        assertThat(ProtocolVersions.range("outgoing", "tlsv1.3", null)).containsExactly("TLSv1.3");
        assertThat(ProtocolVersions.range("outgoing", "sslv3", "tlsv1.1")).containsExactly("TLSv1", "TLSv1.1");
        assertThatThrownBy(() -> ProtocolVersions.range("listen", "tlsv1", "sslv3"))
                .hasMessage("--ssl_listen_max_proto_version: SSLv3 is not available in this build");
        assertThatThrownBy(() -> ProtocolVersions.range("outgoing", "tls2", null))
                .hasMessageStartingWith("--ssl_outgoing_min_proto_version: unknown protocol version \"tls2\"");
        assertThatThrownBy(() -> ProtocolVersions.range("listen", "tlsv1.3", "tlsv1.2"))
                .hasMessage("--ssl_listen_min_proto_version tlsv1.3 is above --ssl_listen_max_proto_version tlsv1.2");
    }

    @Test
    void cipherListsAreTranslated() throws Exception {
        assertThat(Ciphers.suites("--ssl_listen_ciphers", "ECDHE-RSA-AES128-GCM-SHA256:TLS_AES_128_GCM_SHA256",
                SslProvider.JDK)).endsWith("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").contains("TLS_AES_128_GCM_SHA256");
        assertThat(Ciphers.suites("--ssl_listen_ciphers", null, SslProvider.JDK)).isNull();
        if (OpenSsl.isAvailable()) {
            assertThat(Ciphers.suites("--ssl_outgoing_ciphers", "ECDHE-RSA-AES128-GCM-SHA256",
                    SslProvider.OPENSSL)).endsWith("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        }
    }

    @Test
    void engineNameAndDefaultProvider() throws Exception {
        TlsContexts jdk = TlsContexts.create(outgoingOnly(), SslProvider.JDK, PassphraseSource.of(null));
        assertThat(jdk.engineName()).startsWith("JDK");
        assertThat(TlsContexts.defaultProvider())
                .isEqualTo(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK);
    }

    @Test
    void dhParamsFileIsValidated() throws Exception {
        Openssl.run(dir, "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048", "-out", "dh.pem");
        assertThat(DhParams.read(dir.resolve("dh.pem").toString()).bits()).isEqualTo(2048);
        Files.writeString(dir.resolve("not-dh.pem"), "hello\n");
        Settings s = outgoingOnly();
        s.sslDhParamsFile = dir.resolve("not-dh.pem").toString();
        assertThatThrownBy(() -> TlsContexts.create(s, SslProvider.JDK, PassphraseSource.of(null)))
                .hasMessage("cannot read --ssl_dh_params_file " + s.sslDhParamsFile + ": no DH PARAMETERS found");
    }

    @Test
    void caPathReadsHashedPemAndCrtFilesAndSkipsTheRest() throws Exception {
        TestPki.Issued a = TestPki.ca("A", null);
        TestPki.Issued b = TestPki.ca("B", null);
        TestPki.Issued c = TestPki.ca("C", null);
        TestPki.write(dir.resolve("a.pem"), a.cert());
        TestPki.write(dir.resolve("1a2b3c4d.0"), b.cert());
        Files.createSymbolicLink(dir.resolve("1a2b3c4d.1"), dir.resolve("1a2b3c4d.0")); // duplicate
        TestPki.write(dir.resolve("c.crt"), c.cert());
        TestPki.write(dir.resolve("ignored.txt"), TestPki.ca("D", null).cert());
        Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n");
        assertThat(TrustAnchors.fromDirectory(dir.toString()))
                .containsExactlyInAnyOrder(a.cert(), b.cert(), c.cert());
    }

    @Test
    void missingDefaultCaPathIsFineAnExplicitOneIsNot() throws Exception {
        Assumptions.assumeFalse(Files.exists(Path.of(TrustAnchors.DEFAULT_CA_PATH)));
        assertThat(TrustAnchors.fromDirectory(TrustAnchors.DEFAULT_CA_PATH)).isEmpty();
        Settings s = outgoingOnly();
        s.sslCaPath = dir.resolve("absent").toString();
        assertThatThrownBy(() -> TlsContexts.create(s, SslProvider.JDK, PassphraseSource.of(null)))
                .hasMessage("cannot read --ssl_ca_path " + s.sslCaPath + ": not a directory");
        s.sslCaPath = TrustAnchors.DEFAULT_CA_PATH;
        s.sslCaFile = dir.resolve("absent.pem").toString();
        assertThatThrownBy(() -> TlsContexts.create(s, SslProvider.JDK, PassphraseSource.of(null)))
                .hasMessage("cannot read --ssl_ca_file " + s.sslCaFile + ": no such file");
    }

    @Test
    void listenContextIsBuiltOnlyForListenModes() throws Exception {
        TlsContexts outgoing = TlsContexts.create(outgoingOnly(), SslProvider.JDK, PassphraseSource.of(null));
        assertThat(outgoing.listen()).isEmpty();
        Settings s = outgoingOnly();
        s.sslMode.add(SslMode.TLS_LISTEN);
        s.sslCertFile = dir.resolve("absent.crt").toString();
        assertThatThrownBy(() -> TlsContexts.create(s, SslProvider.JDK, PassphraseSource.of(null)))
                .hasMessage("cannot read certificate " + s.sslCertFile + ": no such file");
    }

    private static Settings outgoingOnly() {
        Settings s = new Settings();
        s.sslMode.add(SslMode.SSL_OUTGOING);
        return s;
    }
}
