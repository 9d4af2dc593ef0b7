package org.perdition.net;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts live client connections against {@code -L}. perdition's daemon exits when the limit
 * is hit (bug B3); we refuse the one connection and keep serving.
 */
public final class ConnectionLimiter {

    private final int limit;
    private final AtomicInteger active = new AtomicInteger();

    /** @param limit 0 = unlimited */
    public ConnectionLimiter(int limit) {
        this.limit = limit;
    }

    public boolean tryAcquire() {
        int now = active.incrementAndGet();
        if (limit > 0 && now > limit) {
            active.decrementAndGet();
            return false;
        }
        return true;
    }

    public void release() {
        active.decrementAndGet();
    }

    public int active() {
        return active.get();
    }
}
