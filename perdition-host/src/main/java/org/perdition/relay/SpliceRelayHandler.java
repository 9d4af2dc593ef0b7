package org.perdition.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
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
 * <p>Splicing starts with the first bulk read, not at the hand-off: until a single read brings
 * {@value #BULK_READ} bytes or more, this side copies as {@link RelayHandler} does (auto-read off,
 * the next read once the write is out). Netty allocates a splice queue of ~4.6 KB per channel at
 * its first {@code spliceTo}; at the hand-off that cost 14 KB of PSS per idle session (a 5,000-session
 * reading: 17.2 KB per session against 2.9 KB for the copy relay), so idle sessions and small
 * command traffic (IMAP IDLE, NOOP) never start it, and a download starts it on both sides of its
 * session. Bytes copied before the switch are queued on the peer ahead of the first spliced
 * chunk, so the order is kept.
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
    /** One read of this many bytes means a bulk transfer: worth the splice queue from then on. */
    static final int BULK_READ = 16 * 1024;
    private static final java.util.concurrent.atomic.LongAdder SPLICING = new java.util.concurrent.atomic.LongAdder();

    private final AbstractEpollStreamChannel peer;
    private final AtomicLong outgoing;
    private final AtomicLong incoming;
    private final SpliceIdleTimeout idle;
    private boolean ended;
    private boolean copied;
    private boolean splicing;
    private boolean bulkRead;
    private ChannelFuture lastCopy;
    private ChannelHandlerContext ctx;
    private SpliceRelayHandler partner;

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

    /**
     * Starts relaying: copying until the first bulk read of either side, which switches both (a
     * session that moves bulk data pays for the two splice queues; one that never does, for none).
     * Call once both sides have a handler.
     */
    public void start(ChannelHandlerContext ctx, SpliceRelayHandler partner) {
        this.ctx = ctx;
        this.partner = partner;
        ctx.read();
    }

    /** Queues the endless splice to the peer on both sides; from then on Netty paces the reads. */
    private void startSplicing() {
        spliceThisSide();
        partner.spliceThisSide();
    }

    private void spliceThisSide() {
        if (splicing || ended || !ctx.channel().isActive()) {
            return;
        }
        splicing = true;
        SPLICING.increment();
        AbstractEpollStreamChannel channel = (AbstractEpollStreamChannel) ctx.channel();
        channel.spliceTo(peer, Integer.MAX_VALUE).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {   // never succeeds: Integer.MAX_VALUE splices until a side closes or fails
                RelayHandler.closeOnFlush(peer);
                ctx.close();
            }
        });
        channel.config().setAutoRead(true);
    }

    /** Sides of sessions that have switched to splice(2) since start-up, two per bulk session (tests). */
    public static long directionsSpliced() {
        return SPLICING.sum();
    }

    @Override
    public void splicedIn(int bytes) {
        incoming.addAndGet(bytes);
    }

    /** Before the first bulk read, and when a splice fell back to a plain read: copy, as RelayHandler does. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            outgoing.addAndGet(buf.readableBytes());
            bulkRead |= buf.readableBytes() >= BULK_READ;
        }
        lastCopy = peer.write(msg);
        copied = true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (idle != null) {
            idle.touch();
        }
        if (!copied) {
            return;    // spliced chunks are flushed by Netty
        }
        copied = false;
        peer.flush();
        if (splicing || ended) {
            return;
        }
        if (bulkRead) {
            startSplicing();
        } else {
            lastCopy.addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    ctx.read();   // harmless if the partner's bulk read has switched this side meanwhile
                } else {
                    RelayHandler.closeOnFlush(peer);
                    ctx.close();
                }
            });
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
