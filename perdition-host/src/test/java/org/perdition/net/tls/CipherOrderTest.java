package org.perdition.net.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/**
 * Spec §1.2: the listening side prefers its own cipher order unless --ssl_no_cipher_server_preference,
 * with either engine, now that the order is set per connection only where the engine's default differs.
 */
class CipherOrderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("org.perdition.net.tls.CipherStringTest#engines")
    void serverOrderUnlessTurnedOff(SslProvider engine) throws Exception {
        TestPki.Issued ca = TestPki.ca("Order CA", null);
        TestPki.Issued leaf = TestPki.server("localhost", ca, "DNS:localhost");
        String cert = TestPki.write(dir.resolve("leaf.crt"), leaf.cert(), ca.cert()).toString();
        String key = TestPki.write(dir.resolve("leaf.key"), leaf.key().getPrivate()).toString();

        assertThat(serverOrder(engine, cert, key, false)).isTrue();
        assertThat(serverOrder(engine, cert, key, true)).isFalse();
    }

    private static boolean serverOrder(SslProvider engine, String cert, String key, boolean noServerPreference)
            throws Exception {
        Settings s = new Settings();
        s.sslMode.add(SslMode.SSL_LISTEN);
        s.sslCertFile = cert;
        s.sslKeyFile = key;
        s.sslCaPath = null;
        s.sslNoClientCertVerify = true;
        s.sslNoCipherServerPreference = noServerPreference;
        TlsContexts contexts = TlsContexts.create(s, engine, PassphraseSource.of(null));
        SslHandler handler = contexts.newServerHandler(ByteBufAllocator.DEFAULT, false);
        try {
            return handler.engine().getSSLParameters().getUseCipherSuitesOrder();
        } finally {
            ReferenceCountUtil.release(handler.engine());
        }
    }
}
