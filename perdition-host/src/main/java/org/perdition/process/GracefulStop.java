package org.perdition.process;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.perdition.log.Log;

/**
 * SIGTERM/SIGINT (spec §7.4, issue 7): stop accepting at once, let the open sessions end on their own for up
 * to {@code --shutdown_grace} seconds, then close what is left. perdition's parent simply exits and leaves
 * its per-connection children running; a single JVM has no children, so the grace period is how we keep
 * established sessions from being cut the moment the service is stopped.
 */
public final class GracefulStop {

    /** How often the open-session count is looked at while draining. */
    private static final long CHECK_MILLIS = 100;

    /** What the stop needs from the running proxy. */
    public interface Stoppable {
        /** Closes the listening sockets: new connections are refused from now on. */
        void stopAccepting();

        /** Client sessions still open. */
        int activeSessions();

        /** Closes every session and the event loops. */
        void close();
    }

    private GracefulStop() {
    }

    /** Runs the stop; returns the number of sessions that were still open when the grace period ended. */
    public static int run(Stoppable proxy, Signals signals, Duration grace) {
        proxy.stopAccepting();
        int open = proxy.activeSessions();
        if (open > 0 && !grace.isZero()) {
            Log.info("Waiting up to " + grace.toSeconds() + " s for " + open + " open session(s) to end");
            waitForZero(proxy::activeSessions, signals, Instant.now().plus(grace));
        }
        int left = proxy.activeSessions();
        if (left > 0) {
            Log.info("Closing " + left + " session(s) still open");
        }
        proxy.close();
        return left;
    }

    private static void waitForZero(IntSupplier sessions, Signals signals, Instant deadline) {
        while (sessions.getAsInt() > 0 && Instant.now().isBefore(deadline) && !Thread.currentThread().isInterrupted()) {
            if (signals != null && signals.awaitHurry(CHECK_MILLIS)) {
                return;   // a second TERM: the admin does not want to wait
            }
            if (signals == null) {
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(CHECK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
