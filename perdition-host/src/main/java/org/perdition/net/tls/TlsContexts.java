package org.perdition.net.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.ReferenceCountUtil;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/**
 * The TLS contexts of one daemon: the listening side's (built once at start-up, as perdition
 * does, so a key passphrase is read then) and the outgoing side's (spec §1.2).
 *
 * <p>Engine: OpenSSL (netty-tcnative BoringSSL) when it loads, the JDK's otherwise; see
 * {@link #engineName()}.
 *
 * <p>Client certificates: perdition requests one (optional, never required) unless
 * ssl_no_client_cert_verify or ssl_no_cert_verify. We request it ({@link ClientAuth#OPTIONAL})
 * only when a CA is configured for the listen side (ssl_ca_file, ssl_ca_path, ssl_ca_chain_file):
 * without one no client certificate could verify, so asking would only confuse clients.
 */
public final class TlsContexts {

    private final Settings settings;
    private final SslProvider provider;
    private final SslContext listen;
    private final SslContext outgoing;

    /**
     * True when a new server engine's cipher order is not already the one asked for: only then is
     * it set per connection. Reading and writing an engine's SSLParameters copies and re-parses its
     * whole cipher list, ~2.5 % of a TLS login's CPU (issue 8); Netty's OpenSSL contexts already
     * prefer the server's order, which is perdition's default (spec §1.2).
     */
    private final boolean setCipherOrder;

    private TlsContexts(Settings settings, SslProvider provider, SslContext listen, SslContext outgoing) {
        this.settings = settings;
        this.provider = provider;
        this.listen = listen;
        this.outgoing = outgoing;
        this.setCipherOrder = listen != null && !cipherOrderByDefault(listen, !settings.sslNoCipherServerPreference);
    }

    /** Whether a fresh engine of the context already has the wanted cipher order (a probe engine, released). */
    private static boolean cipherOrderByDefault(SslContext context, boolean serverOrder) {
        SSLEngine probe = context.newEngine(ByteBufAllocator.DEFAULT);
        try {
            return probe.getSSLParameters().getUseCipherSuitesOrder() == serverOrder;
        } finally {
            ReferenceCountUtil.release(probe);
        }
    }

    /** Builds what the ssl_mode needs with the best engine; a bad certificate, key or option is a start-up error. */
    public static TlsContexts create(Settings settings) throws TlsConfigException {
        return create(settings, defaultProvider(), PassphraseSource.from(settings));
    }

    /** As {@link #create(Settings)} with a chosen engine and passphrase source (tests). */
    public static TlsContexts create(Settings settings, SslProvider provider, PassphraseSource passphrase)
            throws TlsConfigException {
        if (settings.sslDhParamsFile != null) {
            DhParams.apply(settings.sslDhParamsFile, provider);
        }
        SslContext listen = needsListen(settings) ? buildListen(settings, provider, passphrase) : null;
        return new TlsContexts(settings, provider, listen, buildOutgoing(settings, provider));
    }

    /** OpenSSL when netty-tcnative loads on this platform, else the JDK engine. */
    public static SslProvider defaultProvider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** For the start-up log: e.g. "OpenSSL (BoringSSL)" or "JDK (SunJSSE)". */
    public String engineName() {
        if (Ciphers.isOpenSsl(provider)) {
            return "OpenSSL (" + OpenSsl.versionString() + ")";
        }
        return "JDK (Java " + System.getProperty("java.version") + ")";
    }

    public SslProvider provider() {
        return provider;
    }

    private static boolean needsListen(Settings settings) {
        return settings.sslMode.contains(SslMode.SSL_LISTEN) || settings.sslMode.contains(SslMode.TLS_LISTEN)
                || settings.sslMode.contains(SslMode.TLS_LISTEN_FORCE);
    }

    private static SslContext buildListen(Settings s, SslProvider provider, PassphraseSource passphrase)
            throws TlsConfigException {
        KeyMaterial material = KeyMaterialLoader.load(s.sslCertFile, s.sslKeyFile, passphrase);
        List<X509Certificate> cas = new ArrayList<>(TrustAnchors.fromFile("--ssl_ca_file", s.sslCaFile));
        cas.addAll(TrustAnchors.fromDirectory(s.sslCaPath));
        cas.addAll(TrustAnchors.fromFile("--ssl_ca_chain_file", s.sslCaChainFile));
        boolean requestClientCert = !s.sslNoClientCertVerify && !s.sslNoCertVerify && !cas.isEmpty();
        SslContextBuilder builder = SslContextBuilder
                .forServer(material.key(), material.chain().toArray(new X509Certificate[0]))
                .sslProvider(provider)
                .protocols(ProtocolVersions.range("listen", s.sslListenMinProtoVersion, s.sslListenMaxProtoVersion))
                .clientAuth(requestClientCert ? ClientAuth.OPTIONAL : ClientAuth.NONE);
        if (requestClientCert) {
            builder.trustManager(new RelaxedTrustManager(cas, VerifyPolicy.clientCertificates(s)));
        }
        return build(builder, provider, "--ssl_listen_ciphers", s.sslListenCiphers, "listening");
    }

    private static SslContext buildOutgoing(Settings s, SslProvider provider) throws TlsConfigException {
        List<X509Certificate> cas = new ArrayList<>(TrustAnchors.fromFile("--ssl_ca_file", s.sslCaFile));
        cas.addAll(TrustAnchors.fromDirectory(s.sslCaPath));
        if (cas.isEmpty() && !s.sslNoCertVerify) {
            cas.addAll(TrustAnchors.jdkDefault());
        }
        // A bad outgoing version fails start-up here; perdition validated the listen value
        // instead and failed each connection (spec §1.2 bug) — we do what it meant.
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(provider)
                .protocols(ProtocolVersions.range("outgoing", s.sslOutgoingMinProtoVersion,
                        s.sslOutgoingMaxProtoVersion))
                .trustManager(new RelaxedTrustManager(cas, VerifyPolicy.outgoing(s)));
        return build(builder, provider, "--ssl_outgoing_ciphers", s.sslOutgoingCiphers, "outgoing");
    }

    private static SslContext build(SslContextBuilder builder, SslProvider provider, String cipherOption,
            String ciphers, String side) throws TlsConfigException {
        builder.ciphers(Ciphers.suites(cipherOption, ciphers, provider), SupportedCipherSuiteFilter.INSTANCE);
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsConfigException("cannot set up the " + side + " TLS context: " + e.getMessage(), e);
        }
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
        SSLEngine engine = listen.newEngine(alloc);
        if (setCipherOrder) {
            SSLParameters parameters = engine.getSSLParameters();
            // perdition sets SSL_OP_CIPHER_SERVER_PREFERENCE unless told not to (spec §1.2).
            parameters.setUseCipherSuitesOrder(!settings.sslNoCipherServerPreference);
            engine.setSSLParameters(parameters);
        }
        // startTls: the first message (the STARTTLS reply) goes out in the clear.
        return new SslHandler(engine, startTls);
    }

    /**
     * A new client-side handler towards a back-end. {@code host} is the name from the popmap or
     * -s: the certificate is checked against it by {@link RelaxedTrustManager} (unless
     * --ssl_no_cn_verify) and it is sent as SNI unless it is an IP literal. perdition sends no
     * SNI (bug B20); back-ends that host several names need it, so we send it.
     */
    public SslHandler newClientHandler(ByteBufAllocator alloc, String host, int port) {
        SslHandler handler = outgoing.newHandler(alloc, host, port);
        if (host != null && !HostnameCheck.isIpLiteral(host) && !host.startsWith("[")) {
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            try {
                parameters.setServerNames(List.of(new SNIHostName(host)));
                engine.setSSLParameters(parameters);
            } catch (IllegalArgumentException notAHostName) {
                // e.g. "host_with_underscore": no SNI, the name check still applies
            }
        }
        return handler;
    }
}
