package org.perdition.lookup;

import java.net.InetSocketAddress;
import org.perdition.protocol.Credentials;

/**
 * Chooses the back-end for a login: popmap plugin lookup, then the {@code -s} fallback list
 * (round robin), then {@code -p}. Runs on the bounded lookup executor, never on an event loop,
 * because plugins may block. Never throws: a map access error is logged and falls through to
 * {@code -s}, as in perdition (spec §4.1).
 */
public interface ServerResolver {

    Resolution resolve(Credentials credentials, InetSocketAddress client, InetSocketAddress local);

    /** SIGHUP: re-initialise the map (posix_regex re-reads its file). */
    default void reload() {
    }

    default void close() {
    }
}
