package org.perdition.benchmark;

import java.security.SecureRandom;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.net.tls.PassphraseSource;
import org.perdition.net.tls.TlsConfigException;
import org.perdition.net.tls.TlsContexts;

/**
 * The server side exactly as perdition builds it ({@link TlsContexts} from {@link Settings} with
 * ssl_listen, a PEM certificate and key on disk), and a client pinned to one protocol version.
 * The certificate is a fresh self-signed RSA 2048 one (Netty's {@link SelfSignedCertificate},
 * made with Bouncy Castle), the usual kind of perdition certificate.
 */
final class TlsFixture implements AutoCloseable {

    private final SelfSignedCertificate certificate;
    private final TlsContexts server;
    private final SslContext client;

    /**
     * @param provider JDK or OPENSSL (netty-tcnative BoringSSL)
     * @param protocol "TLSv1.3" or "TLSv1.2"
     */
    TlsFixture(SslProvider provider, String protocol)
            throws CertificateException, TlsConfigException, SSLException {
        certificate = new SelfSignedCertificate("perdition.example.org", new SecureRandom(), 2048);
        Settings settings = new Settings();
        settings.sslMode.add(SslMode.SSL_LISTEN);
        settings.sslCertFile = certificate.certificate().getPath();
        settings.sslKeyFile = certificate.privateKey().getPath();
        settings.sslCaPath = null;
        settings.sslNoCertVerify = true;   // the outgoing context is unused here: skip the JDK CA store
        server = TlsContexts.create(settings, provider, PassphraseSource.from(settings));
        client = SslContextBuilder.forClient()
                .sslProvider(provider)
                .protocols(protocol)
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .build();
    }

    /** A new, unconnected pair; the client engine has no peer host, so no session is resumed. */
    EnginePair newPair() {
        SSLEngine serverEngine = server.newServerHandler(ByteBufAllocator.DEFAULT, false).engine();
        SSLEngine clientEngine = client.newEngine(ByteBufAllocator.DEFAULT);
        return new EnginePair(clientEngine, serverEngine);
    }

    String engineName() {
        return server.engineName();
    }

    @Override
    public void close() {
        certificate.delete();
    }
}
