package org.perdition.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.perdition.log.Log;

/**
 * Ours: reads the PROXY protocol header (HAProxy's v1 text or v2 binary) that an L4 balancer puts
 * in front of each connection, before anything else happens on it. Until the header is in, the
 * session does not exist: no greeting, no {@code Connect:} line, no connection-limit slot. Then
 * the client's address from the header becomes the session's ({@link #clientAddress}) and the
 * session's handlers are installed behind this one, which leaves the pipeline.
 *
 * <p>A LOCAL header (the balancer's own health check) or an UNKNOWN protocol keeps the
 * connection's real address, as the PROXY protocol specification says a receiver must.
 */
public final class ProxyProtocolHandler extends ChannelInboundHandlerAdapter {

    public static final String DECODER = "proxy-protocol-decoder";
    public static final String NAME = "proxy-protocol";
    private static final AttributeKey<InetSocketAddress> CLIENT = AttributeKey.valueOf("perdition.proxied-client");

    private final TrustedNetworks trusted;
    private final long headerTimeoutMillis;
    private final Consumer<Channel> installSession;
    private Future<?> headerDeadline;
    private boolean headerSeen;

    /** @param installSession adds the session's handlers to the end of the pipeline */
    public ProxyProtocolHandler(TrustedNetworks trusted, long headerTimeoutMillis, Consumer<Channel> installSession) {
        this.trusted = trusted;
        this.headerTimeoutMillis = headerTimeoutMillis;
        this.installSession = installSession;
    }

    /** The decoder and this handler, first in a client pipeline. */
    public static void addTo(Channel channel, ProxyProtocolHandler handler) {
        channel.pipeline().addLast(DECODER, new HAProxyMessageDecoder()).addLast(NAME, handler);
    }

    /** The client's address: the PROXY header's source when there was one, else the peer's. */
    public static InetSocketAddress clientAddress(Channel channel) {
        InetSocketAddress proxied = channel.attr(CLIENT).get();
        return proxied != null ? proxied : (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        if (!trusted.contains(peer.getAddress())) {
            Log.warning("PROXY protocol: connection from " + NetUtil.toSocketAddressString(peer)
                    + ", not in --proxy_protocol: closing");
            ctx.close();
            return;
        }
        headerDeadline = ctx.executor().schedule(() -> {
            Log.info("PROXY protocol: no header from " + NetUtil.toSocketAddressString(peer) + " within "
                    + headerTimeoutMillis + " ms: closing");
            ctx.close();
        }, headerTimeoutMillis, TimeUnit.MILLISECONDS);
        ctx.read();   // auto-read is off: ask for the header; channelActive goes on once it is in
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);   // bytes after the header, passed on as the decoder leaves
            return;
        }
        InetSocketAddress client;
        try {
            client = clientOf(header, (InetSocketAddress) ctx.channel().remoteAddress());
        } finally {
            header.release();
        }
        headerSeen = true;
        headerDeadline.cancel(false);
        Channel channel = ctx.channel();
        channel.attr(CLIENT).set(client);
        installSession.accept(channel);
        ctx.fireChannelActive();
        ctx.pipeline().remove(this);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!headerSeen && ctx.channel().isActive()) {
            ctx.read();   // a header split over several segments
        } else {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (headerDeadline != null) {
            headerDeadline.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // HAProxyProtocolException: not a PROXY header (a client that bypassed the balancer, or garbage).
        String what = cause instanceof HAProxyProtocolException ? "bad header" : "connection error before the header";
        Log.info("PROXY protocol: " + what + " from "
                + NetUtil.toSocketAddressString((InetSocketAddress) ctx.channel().remoteAddress()) + ": "
                + Log.sanitize(String.valueOf(cause.getMessage())) + ": closing");
        ctx.close();
    }

    private static InetSocketAddress clientOf(HAProxyMessage header, InetSocketAddress peer) {
        HAProxyProxiedProtocol protocol = header.proxiedProtocol();
        boolean tcp = protocol == HAProxyProxiedProtocol.TCP4 || protocol == HAProxyProxiedProtocol.TCP6;
        if (header.command() == HAProxyCommand.LOCAL || !tcp) {
            return peer;
        }
        // The decoder has checked the source is an address literal of the right family: no DNS here.
        InetAddress source = NetUtil.createInetAddressFromIpAddressString(header.sourceAddress());
        return new InetSocketAddress(source, header.sourcePort());
    }
}
