package org.perdition.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.log.Log;
import org.perdition.net.PipelineNames;
import org.perdition.net.tls.TlsContexts;
import org.perdition.protocol.LineReader;

/**
 * The client side's TLS state (spec §1.4): implicit TLS from the first byte (ssl_listen, whose
 * handler {@code ProxyServer} puts first), or the switch after STLS/STARTTLS. Once on, it stays
 * on for the connection: a failed login does not reset it (perdition did, bug B4).
 */
final class ClientTlsSwitch {

    private final TlsContexts tls;
    private final boolean forced;
    /** ssl_listen; the CLI refuses it together with tls_listen, so it is the only handshake then. */
    private final boolean implicit;
    private Security security = Security.PLAINTEXT;
    private boolean handshaking;

    ClientTlsSwitch(TlsContexts tls, Settings settings) {
        this.tls = tls;
        this.forced = settings.sslMode.contains(SslMode.TLS_LISTEN_FORCE);
        this.implicit = settings.sslListen();
        this.handshaking = implicit;
    }

    /** True while a handshake runs: nothing is decoded or greeted meanwhile. */
    boolean handshaking() {
        return handshaking;
    }

    Security security() {
        return security;
    }

    /** tls_listen_force: no login before STARTTLS (spec §3.3 step 2, "failed: Login Disabled"). */
    boolean refusesLogin() {
        return forced && security == Security.PLAINTEXT;
    }

    /**
     * STLS/STARTTLS accepted: the reply goes out in clear, then TLS. Bytes the client sent after
     * the command came in clear and would otherwise be read as if they came over TLS (command
     * injection, CVE-2011-0411): they are dropped. All of this runs on the event loop between two
     * reads (auto-read is off), so no byte can slip past the new handler.
     */
    void start(ChannelHandlerContext ctx, String reply, ByteBuf pending, String fromTo) {
        if (pending.isReadable()) {
            Log.info("Discarding " + pending.readableBytes() + " bytes pipelined after STARTTLS" + fromTo);
            pending.skipBytes(pending.readableBytes());
        }
        handshaking = true;
        // startTls=true: the handler lets the first write (our reply) through unencrypted (RFC 2595 §4).
        SslHandler handler = tls.newServerHandler(ctx.alloc(), true);
        ctx.pipeline().addFirst(PipelineNames.TLS, handler);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(LineReader.bytes(reply)));
        ctx.read();
    }

    /**
     * The handshake finished well.
     *
     * @return true when it followed STLS/STARTTLS (the protocol must learn it), false for implicit TLS
     */
    boolean handshakeSucceeded() {
        handshaking = false;
        security = implicit ? Security.SSL : Security.STARTTLS;
        return !implicit;
    }
}
