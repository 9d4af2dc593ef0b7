package org.perdition;

import java.net.InetSocketAddress;
import java.util.List;
import org.perdition.config.Settings;

/**
 * PLACEHOLDER from the fixture branch, only so the through-proxy tests compile: the session
 * core replaces this file with the real daemon (same public API).
 */
public final class Daemon implements AutoCloseable {

    private Daemon() {
    }

    /** Binds every listen address of {@code settings} and starts serving; port 0 picks a free port. */
    public static Daemon start(Settings settings) {
        throw new UnsupportedOperationException("Daemon is a placeholder until the session core is merged");
    }

    /** The addresses actually bound (real ports, also when 0 was asked for). */
    public List<InetSocketAddress> listenAddresses() {
        throw new UnsupportedOperationException("Daemon is a placeholder until the session core is merged");
    }

    /** Stops listening and closes every session. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("Daemon is a placeholder until the session core is merged");
    }
}
