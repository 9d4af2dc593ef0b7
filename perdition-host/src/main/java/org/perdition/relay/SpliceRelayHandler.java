package org.perdition.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import java.util.concurrent.atomic.AtomicLong;
import org.perdition.net.SpliceAccounting;

/**
 * One side of a splice(2) relay: what this channel reads goes socket → pipe → peer socket inside
 * the kernel (Netty epoll's {@code spliceTo}), never into the JVM. Reads are paced as in
 * {@link RelayHandler}: auto-read stays off and the next read is asked for once the peer has
 * written everything queued (the promise of an empty write behind the spliced chunks), so a slow
 * reader holds at most one pipe (64 KiB) per direction.
 *
 * <p>End of input: Netty's epoll transport closes a channel as soon as the peer's FIN is seen
 * (EPOLLRDHUP), even when more than a pipe's worth of data still waits in the socket before the
 * FIN, which would cut a pipelined {@code RETR}'s tail. So the channel allows half-closure: on
 * {@link ChannelInputShutdownEvent} the relay keeps reading until a read moves no byte, and only
 * then closes both sides, as the copy relay does at end of file.
 */
public final class SpliceRelayHandler extends ChannelInboundHandlerAdapter implements SpliceAccounting.Sink {

    private final AbstractEpollStreamChannel peer;
    private final AtomicLong outgoing;
    private final AtomicLong incoming;
    private final SpliceIdleTimeout idle;
    private boolean inputShut;
    private boolean awaitingPeer;
    private long outgoingAtLastRound = -1;
    private Runnable readLater;

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

    /** Queues the endless splice to the peer and asks for the first read; call once both sides have a handler. */
    public void start(ChannelHandlerContext ctx) {
        AbstractEpollStreamChannel channel = (AbstractEpollStreamChannel) ctx.channel();
        channel.spliceTo(peer, Integer.MAX_VALUE).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {   // never succeeds: Integer.MAX_VALUE splices until a side closes or fails
                RelayHandler.closeOnFlush(peer);
                ctx.close();
            }
        });
        ctx.read();
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
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (idle != null) {
            idle.touch();
        }
        if (awaitingPeer) {
            return;    // an end-of-input wake-up while the peer still writes: the pending read comes after
        }
        long moved = outgoing.get();
        if (inputShut && moved == outgoingAtLastRound) {
            RelayHandler.closeOnFlush(peer);    // the socket is drained up to the peer's FIN
            ctx.close();
            return;
        }
        outgoingAtLastRound = moved;
        awaitingPeer = true;
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
            awaitingPeer = false;
            if (f.isSuccess()) {
                readLater(ctx);
            } else {
                ctx.close();
            }
        });
    }

    /**
     * Asks for the next read once the current epoll wake-up is over: Netty's splice read path clears
     * the read interest when it ends ({@code clearEpollIn} with auto-read off), so a read asked for
     * from inside it (the peer had nothing queued, the empty write completed at once) would be lost.
     */
    private void readLater(ChannelHandlerContext ctx) {
        if (readLater == null) {
            readLater = ctx::read;
        }
        ctx.channel().eventLoop().execute(readLater);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputShut = true;
        } else if (evt instanceof ChannelInputShutdownReadComplete) {
            RelayHandler.closeOnFlush(peer);
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
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

    /** For tests and the close line: whether {@code channel} is relayed by splice. */
    public static boolean splices(Channel channel) {
        return channel.pipeline().get(SpliceRelayHandler.class) != null;
    }
}
