package org.perdition.abuse;

import java.io.File;
import java.util.concurrent.locks.LockSupport;

/** Open file descriptors of this process, from /proc/self/fd (Linux). */
public final class FdCount {

    private FdCount() {
    }

    public static int now() {
        String[] names = new File("/proc/self/fd").list();
        return names == null ? -1 : names.length;
    }

    /**
     * Waits (bounded) until the count is back to at most {@code baseline}: sockets are closed by the
     * event loop after the client sees the end, so the count settles a moment later.
     */
    public static int settleTo(int baseline, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        int count = now();
        while (count > baseline && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000L);
            count = now();
        }
        return count;
    }
}
