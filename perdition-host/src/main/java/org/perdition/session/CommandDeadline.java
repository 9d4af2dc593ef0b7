package org.perdition.session;

import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * --authenticate_timeout counted from the last complete command, not from the last byte (issue 9,
 * slowloris). The idle handler in front of the session is reset by every byte that arrives, so a
 * client dripping one byte a second, never ending its line, would hold its connection (and a -L
 * slot) for ever; perdition had the same weakness, as it timed each read(2). A client that
 * completes no command for the timeout is treated exactly as an idle one (spec §3.3 step 1).
 * Runs on the channel's event loop only.
 */
final class CommandDeadline {

    private final ChannelHandlerContext ctx;
    private final long timeoutNanos;
    private final BooleanSupplier waitingForCommand;
    private final Runnable expire;
    private long lastCommandNanos;
    private boolean stopped;
    /** Cancelled when the session ends: a queued check would keep the whole session reachable. */
    private ScheduledFuture<?> pending;

    /**
     * @param waitingForCommand true while the session is reading a command (not during a lookup,
     *                          a back-end login or the failure delay, which have their own bounds)
     * @param expire            what an idle client gets: the same end as the idle handler's
     */
    CommandDeadline(ChannelHandlerContext ctx, int timeoutSeconds, BooleanSupplier waitingForCommand,
                    Runnable expire) {
        this.ctx = ctx;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        this.waitingForCommand = waitingForCommand;
        this.expire = expire;
    }

    /** Starts the clock (at the greeting); does nothing when the timeout is 0 (none). */
    void start() {
        if (timeoutNanos > 0) {
            commandSeen();
            schedule(timeoutNanos);
        }
    }

    /** A command was decoded, or the session goes back to reading after waiting: the clock restarts. */
    void commandSeen() {
        lastCommandNanos = System.nanoTime();
    }

    /**
     * Logged in (the relay has its own -t timeout) or closed: no more checks. The queued check is
     * cancelled, or it would hold the session (and its credentials) until it fired.
     */
    void stop() {
        stopped = true;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void schedule(long delayNanos) {
        pending = ctx.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        if (stopped || !ctx.channel().isActive()) {
            return;
        }
        long left = lastCommandNanos + timeoutNanos - System.nanoTime();
        if (!waitingForCommand.getAsBoolean()) {
            schedule(timeoutNanos);   // not reading a command now; look again later
        } else if (left > 0) {
            schedule(left);
        } else {
            expire.run();
        }
    }
}
