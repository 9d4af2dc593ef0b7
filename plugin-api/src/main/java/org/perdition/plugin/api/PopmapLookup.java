package org.perdition.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * A popmap back-end: maps a lookup key (normally the user name) to the real server,
 * as perdition's {@code libperditiondb_*.so} libraries do with {@code dbserver_get}.
 *
 * <p>Life cycle: the host creates the extension, calls {@link #init(PluginContext)} once at
 * start-up (a failure there aborts start-up), calls {@link #lookup(LookupRequest)} from a
 * bounded worker pool (never from an event loop, so blocking I/O is allowed, and calls may
 * be concurrent), calls {@link #reload()} on SIGHUP and {@link #close()} at shutdown.
 */
public interface PopmapLookup extends ExtensionPoint {

    /** Prepares the map. {@code context.options()} is the {@code -m/--map_library_opt} string. */
    void init(PluginContext context) throws LookupException;

    /**
     * Looks one key up.
     *
     * @return {@link LookupResult.Found} with a {@code [user<delim>]host[:port]} value, or
     *         {@link LookupResult.NotFound} (perdition's return code -2)
     * @throws LookupException when the map could not be consulted (perdition's -1 and -3)
     */
    LookupResult lookup(LookupRequest request) throws LookupException;

    /** Re-reads cached data (perdition re-initialises the library on SIGHUP). */
    default void reload() throws LookupException {
    }

    /** Releases connections and files (perdition's {@code dbserver_fini}). */
    default void close() {
    }
}
