package org.perdition.net.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/**
 * The TLS contexts of one daemon: the listening side's (built once at start-up, as perdition
 * does, so a key passphrase is read then) and the outgoing side's.
 *
 * <p>FIRST CUT: PEM certificate and unencrypted key through Netty, outgoing verification on or
 * off. The TLS issue replaces the internals (Bouncy Castle key forms, CA path, relaxations,
 * RFC 6125 names) behind this same API.
 */
public final class TlsContexts {

    private final Settings settings;
    private final SslContext listen;
    private final SslContext outgoing;

    private TlsContexts(Settings settings, SslContext listen, SslContext outgoing) {
        this.settings = settings;
        this.listen = listen;
        this.outgoing = outgoing;
    }

    /** Builds what the ssl_mode needs; a certificate or key that does not load is a start-up error. */
    public static TlsContexts create(Settings settings) throws TlsConfigException {
        SslContext listen = null;
        if (needsListen(settings)) {
            try {
                listen = SslContextBuilder.forServer(new File(settings.sslCertFile), new File(settings.sslKeyFile))
                        .build();
            } catch (SSLException | IllegalArgumentException e) {
                throw new TlsConfigException("Error loading certificate chain file " + settings.sslCertFile
                        + " or key file " + settings.sslKeyFile + ": " + e.getMessage(), e);
            }
        }
        try {
            SslContextBuilder client = SslContextBuilder.forClient();
            if (settings.sslNoCertVerify) {
                client.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (settings.sslCaFile != null) {
                client.trustManager(new File(settings.sslCaFile));
            }
            return new TlsContexts(settings, listen, client.build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsConfigException("Error loading CA file " + settings.sslCaFile + ": " + e.getMessage(), e);
        }
    }

    private static boolean needsListen(Settings settings) {
        return settings.sslMode.contains(SslMode.SSL_LISTEN) || settings.sslMode.contains(SslMode.TLS_LISTEN)
                || settings.sslMode.contains(SslMode.TLS_LISTEN_FORCE);
    }

    /** The server-side context, present when ssl_listen or tls_listen is on. */
    public Optional<SslContext> listen() {
        return Optional.ofNullable(listen);
    }

    /** A new server-side handler for an accepted connection (implicit TLS or after STARTTLS). */
    public SslHandler newServerHandler(ByteBufAllocator alloc, boolean startTls) {
        if (listen == null) {
            throw new IllegalStateException("no listening TLS context: ssl_mode has no ssl_listen/tls_listen");
        }
        SslHandler handler = listen.newHandler(alloc);
        return startTls ? new SslHandler(handler.engine(), true) : handler;
    }

    /**
     * A new client-side handler towards a back-end. {@code host} is the name from the popmap or
     * -s (used for SNI and the certificate name check unless --ssl_no_cn_verify).
     */
    public SslHandler newClientHandler(ByteBufAllocator alloc, String host, int port) {
        SslHandler handler = outgoing.newHandler(alloc, host, port);
        if (!settings.sslNoCnVerify && !settings.sslNoCertVerify) {
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return handler;
    }
}
