package org.perdition.lookup;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.perdition.protocol.Credentials;

/**
 * Chooses the back-end for a login: popmap plugin lookup, then the {@code -s} fallback list
 * (round robin), then {@code -p}. Runs on the bounded lookup executor, never on an event loop,
 * because plugins may block. Never throws: a map access error is logged and falls through to
 * {@code -s}, as in perdition (spec §4.1).
 */
public interface ServerResolver {

    Resolution resolve(Credentials credentials, InetSocketAddress client, InetSocketAddress local);

    /**
     * The event-loop entry point: the map lookup runs on the lookup executor, bounded by its
     * timeout; the future never fails (errors become a fall-through to {@code -s}, as in
     * {@link #resolve}). Completes on a lookup thread, so callers hop back to their event loop.
     * The default runs {@link #resolve} at once, which suits resolvers that never block.
     */
    default CompletableFuture<Resolution> resolveAsync(Credentials credentials, InetSocketAddress client,
            InetSocketAddress local) {
        return CompletableFuture.completedFuture(resolve(credentials, client, local));
    }

    /** SIGHUP: re-initialise the map (posix_regex re-reads its file). */
    default void reload() {
    }

    default void close() {
    }
}
