package org.perdition.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.perdition.net.SpliceAccounting;

/**
 * One side of a splice(2) relay: what this channel reads goes socket → pipe → peer socket inside
 * the kernel (Netty epoll's {@code spliceTo}), never into the JVM. The channel auto-reads, and
 * Netty paces it: when a spliced chunk cannot be written to the peer at once, the splice turns
 * auto-read off until that chunk is out, so a slow reader holds at most one pipe (64 KiB) per
 * direction. (Pacing reads by hand, as {@link RelayHandler} does, cost two epoll_ctl calls per
 * 64 KiB chunk: the splice read path drops the read interest after every wake-up.)
 *
 * <p>End of input: when the peer's FIN arrives (EPOLLRDHUP), Netty's splice read moves one more
 * pipe's worth and then shuts the input, even when more data waits in the socket before the FIN
 * (a pipelined {@code RETR}+{@code QUIT} to a slow client). The channel allows half-closure, so
 * Netty only reports {@link ChannelInputShutdownEvent}; the rest of the socket is then read here,
 * in plain reads that cannot block (the FIN is queued behind the data), written to the peer behind
 * the spliced chunks, and both sides are closed, as the copy relay does at end of file.
 */
public final class SpliceRelayHandler extends ChannelInboundHandlerAdapter implements SpliceAccounting.Sink {

    private static final int DRAIN_CHUNK = 64 * 1024;

    private final AbstractEpollStreamChannel peer;
    private final AtomicLong outgoing;
    private final AtomicLong incoming;
    private final SpliceIdleTimeout idle;
    private boolean ended;
    private boolean copied;

    /**
     * @param outgoing counts what this side reads, for the peer (perdition's received= or sent=)
     * @param incoming counts what the peer splices into this channel (the other of the two)
     * @param idle the {@code -t} timer, or null
     */
    public SpliceRelayHandler(AbstractEpollStreamChannel peer, AtomicLong outgoing, AtomicLong incoming,
                              SpliceIdleTimeout idle) {
        this.peer = peer;
        this.outgoing = outgoing;
        this.incoming = incoming;
        this.idle = idle;
    }

    /** Queues the endless splice to the peer and starts reading; call once both sides have a handler. */
    public void start(ChannelHandlerContext ctx) {
        AbstractEpollStreamChannel channel = (AbstractEpollStreamChannel) ctx.channel();
        channel.spliceTo(peer, Integer.MAX_VALUE).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {   // never succeeds: Integer.MAX_VALUE splices until a side closes or fails
                RelayHandler.closeOnFlush(peer);
                ctx.close();
            }
        });
        channel.config().setAutoRead(true);
    }

    @Override
    public void splicedIn(int bytes) {
        incoming.addAndGet(bytes);
    }

    /** Only when the splice failed and Netty fell back to a plain read: copy, as RelayHandler does. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            outgoing.addAndGet(buf.readableBytes());
        }
        peer.write(msg);
        copied = true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (idle != null) {
            idle.touch();
        }
        if (copied) {    // spliced chunks are flushed by Netty
            copied = false;
            peer.flush();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent || evt instanceof ChannelInputShutdownReadComplete) {
            if (!ended) {
                ended = true;
                drainToPeer(ctx);
                RelayHandler.closeOnFlush(peer);
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    /** Reads what is left before the FIN and queues it for the peer, behind the chunks already spliced. */
    private void drainToPeer(ChannelHandlerContext ctx) {
        FileDescriptor socket = ((AbstractEpollStreamChannel) ctx.channel()).fd();
        try {
            for (;;) {
                ByteBuf buf = ctx.alloc().directBuffer(DRAIN_CHUNK);
                ByteBuffer nio = buf.internalNioBuffer(0, DRAIN_CHUNK);
                int n = socket.read(nio, nio.position(), nio.limit());
                if (n <= 0) {    // -1 at the FIN; 0 (nothing now) cannot happen once the FIN is queued
                    buf.release();
                    return;
                }
                buf.writerIndex(n);
                outgoing.addAndGet(n);
                peer.write(buf);
            }
        } catch (IOException e) {
            // A reset after the FIN: what was read is still delivered; the close follows.
        } finally {
            peer.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        RelayHandler.closeOnFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset by either peer ends the session; nothing useful to add to the log beyond the close.
        ctx.close();
    }

}
