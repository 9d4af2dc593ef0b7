package org.perdition.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies bytes from its channel to the peer after login, with backpressure: auto-read is off,
 * and the next read is requested only once the previous write has completed (the shape of
 * Netty's HexDumpProxy example). Both channels share one event loop, so no field needs
 * volatile.
 */
public final class RelayHandler extends ChannelInboundHandlerAdapter {

    private final Channel peer;
    private final AtomicLong byteCount;

    /** @param byteCount counts what this side reads (perdition's received= or sent=, spec §6.1) */
    public RelayHandler(Channel peer, AtomicLong byteCount) {
        this.peer = peer;
        this.byteCount = byteCount;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            ctx.read();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            byteCount.addAndGet(buf.readableBytes());
        }
        peer.writeAndFlush(msg).addListener((ChannelFutureListener) future -> {
            if (future.isSuccess()) {
                ctx.channel().read();
            } else {
                closeOnFlush(ctx.channel());
                future.channel().close();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeOnFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset by either peer ends the session; nothing useful to add to the log beyond the close.
        closeOnFlush(ctx.channel());
    }

    /** Closes {@code channel} once everything queued on it has been written. */
    public static void closeOnFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
