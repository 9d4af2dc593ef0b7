package org.perdition.session;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.perdition.config.Settings;
import org.perdition.log.Log;
import org.perdition.protocol.FailureReason;

/**
 * {@code --auth_failure_limit N} and {@code --auth_failure_window SECONDS} (ours, issue 9: per-address
 * throttling of failed logins; perdition had none). Once an address has N refused passwords, each
 * within the window of the one before, further logins from it are refused at once, with no lookup
 * and no back-end connection, until the window has passed since its last refused password; a
 * success does not reset the count (a guessed password among many must not reopen the door).
 *
 * <p>Nothing waits: a small counter per address, read and written from the event loops (the
 * refusal reply still goes out after {@code --failure_delay}, scheduled, like every failure). Only
 * refused passwords count ({@link #COUNTED}): a map or back-end outage must not lock every client
 * out. IPv6 addresses count per /64, the block one host usually holds. Memory is bounded: at most
 * {@link #MAX_ADDRESSES} addresses are tracked; when full, expired ones are swept, and if that frees
 * nothing a new address is not tracked (logged once per sweep) rather than forgetting a counted one.
 */
public final class FailedLoginThrottle {

    static final int MAX_ADDRESSES = 100_000;
    /** A refused password (back-end or PAM); other failures are outages or policy, not guesses. */
    static final Set<FailureReason> COUNTED = EnumSet.of(FailureReason.REAUTHENTICATION,
            FailureReason.LOCAL_AUTHENTICATION);

    private final int limit;
    private final long windowNanos;
    private final LongSupplier clock;
    private final ConcurrentHashMap<Key, Failures> byAddress = new ConcurrentHashMap<>();
    /** A full table is swept at most once a second, so many new addresses cannot make each login sweep it. */
    private volatile long nextSweepNanos;

    private static final class Failures {
        int count;
        long lastNanos;
    }

    /** An address, or the /64 of an IPv6 address, as map key. */
    private record Key(byte[] bytes) {
        static Key of(InetAddress address) {
            byte[] raw = address.getAddress();
            return new Key(address instanceof Inet6Address ? Arrays.copyOf(raw, 8) : raw);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    public FailedLoginThrottle(Settings settings) {
        this(settings.authFailureLimit, settings.authFailureWindowSeconds, System::nanoTime);
    }

    FailedLoginThrottle(int limit, int windowSeconds, LongSupplier clock) {
        this.limit = limit;
        this.windowNanos = TimeUnit.SECONDS.toNanos(windowSeconds);
        this.clock = clock;
    }

    /** True when logins from {@code address} are refused for now; always false with the limit off (0). */
    public boolean refuses(InetAddress address) {
        if (limit <= 0 || address == null) {
            return false;
        }
        Failures f = byAddress.get(Key.of(address));
        if (f == null) {
            return false;
        }
        synchronized (f) {
            return f.count >= limit && clock.getAsLong() - f.lastNanos <= windowNanos;
        }
    }

    /** A login from {@code address} failed for {@code reason}; only refused passwords count. */
    public void failed(InetAddress address, FailureReason reason) {
        if (limit <= 0 || address == null || !COUNTED.contains(reason)) {
            return;
        }
        Key key = Key.of(address);
        Failures f = byAddress.get(key);
        if (f == null) {
            if (byAddress.size() >= MAX_ADDRESSES && !sweep()) {
                return;
            }
            f = byAddress.computeIfAbsent(key, k -> new Failures());
        }
        long now = clock.getAsLong();
        synchronized (f) {
            // a gap longer than the window starts the count again
            f.count = now - f.lastNanos > windowNanos && f.count > 0 ? 1 : f.count + 1;
            f.lastNanos = now;
            if (f.count == limit) {
                Log.info("Failed login limit of " + limit + " reached for " + address.getHostAddress()
                        + ": its logins are refused for " + TimeUnit.NANOSECONDS.toSeconds(windowNanos) + " s");
            }
        }
    }

    /** Drops expired addresses; true when there is room again. */
    private boolean sweep() {
        long now = clock.getAsLong();
        if (now - nextSweepNanos < 0) {
            return false;
        }
        nextSweepNanos = now + TimeUnit.SECONDS.toNanos(1);
        byAddress.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return now - e.getValue().lastNanos > windowNanos;
            }
        });
        if (byAddress.size() >= MAX_ADDRESSES) {
            Log.warning("Failed login limit: " + MAX_ADDRESSES + " addresses tracked, a new one is not counted");
            return false;
        }
        return true;
    }

    /** Addresses tracked (tests). */
    int tracked() {
        return byAddress.size();
    }
}
