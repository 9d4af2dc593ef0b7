package org.perdition.relay;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.perdition.log.Log;

/**
 * {@code -t} for a splice relay: spliced bytes pass no pipeline, so {@link IdleRelayTimeout}
 * (an {@code IdleStateHandler}) would see a busy session as idle. Each splice round of either
 * side {@link #touch() touches} this timer instead; it ends the session, as perdition does
 * (silent close, spec §7.5), once neither side has moved a byte for {@code -t} seconds.
 */
public final class SpliceIdleTimeout implements Runnable {

    private final long timeoutNanos;
    private final Channel client;
    private final Channel backend;
    private long lastActivity = System.nanoTime();
    private ScheduledFuture<?> check;

    public SpliceIdleTimeout(int seconds, Channel client, Channel backend) {
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(seconds);
        this.client = client;
        this.backend = backend;
    }

    /** Arms the timer; it is cancelled when the client channel closes. Call on the event loop. */
    public void start() {
        schedule(timeoutNanos);
        client.closeFuture().addListener(f -> {
            if (check != null) {
                check.cancel(false);
            }
        });
    }

    /** A splice round moved (or tried to move) bytes: the session is not idle. */
    void touch() {
        lastActivity = System.nanoTime();
    }

    @Override
    public void run() {
        long idle = System.nanoTime() - lastActivity;
        if (idle < timeoutNanos) {
            schedule(timeoutNanos - idle);
            return;
        }
        Log.info("Timeout piping data.");
        backend.close();
        client.close();
    }

    private void schedule(long delayNanos) {
        if (client.isOpen()) {
            check = client.eventLoop().schedule(this, delayNanos, TimeUnit.NANOSECONDS);
        }
    }
}
