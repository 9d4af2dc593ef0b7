package org.perdition.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.perdition.log.Log;

/**
 * Ends a relayed session that was idle both ways for {@code -t} seconds (perdition: silent close,
 * spec §7.5). It sits on the client channel, where every relayed byte is a read or a write.
 *
 * <p>Lean on purpose (issue 8, memory per idle session): one long and one scheduled check per
 * session, the handler itself being the check's task. Netty's IdleStateHandler held about twice
 * the state (three clocks, a task object, a listener) and added a listener to every write's
 * promise; here a write counts when it is queued, which is when the relay has just read from the
 * back-end, so "idle both ways" means the same. Runs on the channel's event loop only.
 */
public final class IdleRelayTimeout extends ChannelDuplexHandler implements Runnable {

    private final Channel backend;
    private final long timeoutNanos;
    private ChannelHandlerContext ctx;
    private long lastActivityNanos;
    private ScheduledFuture<?> check;

    public IdleRelayTimeout(int seconds, Channel backend) {
        this.backend = backend;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(seconds);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        lastActivityNanos = System.nanoTime();
        if (ctx.channel().isActive()) {
            schedule(timeoutNanos);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastActivityNanos = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastActivityNanos = System.nanoTime();
        ctx.write(msg, promise);
    }

    /** The check: idle for the whole timeout ends the session, else look again when it could be. */
    @Override
    public void run() {
        check = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        long idle = System.nanoTime() - lastActivityNanos;
        if (idle >= timeoutNanos) {
            Log.info("Timeout piping data.");
            backend.close();
            ctx.close();
        } else {
            schedule(timeoutNanos - idle);
        }
    }

    private void schedule(long delayNanos) {
        check = ctx.executor().schedule(this, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
