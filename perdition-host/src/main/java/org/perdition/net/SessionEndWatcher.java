package org.perdition.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Tells when a connection's session is over: on {@code channelUnregistered}, which Netty fires
 * after every handler's {@code channelInactive} and after the close listeners that write the
 * "Closing session" line, and then one event-loop turn later. The -i process exits there (spec §7.6).
 */
final class SessionEndWatcher extends ChannelInboundHandlerAdapter {

    private final Runnable action;

    private SessionEndWatcher(Runnable action) {
        this.action = action;
    }

    /** Call before the channel is registered. */
    static void watch(Channel channel, Runnable action) {
        channel.pipeline().addFirst("session-end", new SessionEndWatcher(action));
    }

    @Override
    public void channelUnregistered(ChannelHandlerContext ctx) {
        ctx.fireChannelUnregistered();
        ctx.channel().eventLoop().execute(action);
    }
}
