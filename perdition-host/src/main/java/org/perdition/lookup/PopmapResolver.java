package org.perdition.lookup;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.perdition.config.Settings;
import org.perdition.log.Log;
import org.perdition.lookup.ServerAddressParser.ServerSpec;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.protocol.Credentials;

/**
 * perdition's server selection (spec §3.3 steps 3 to 8, §4.1 to §4.3): popmap lookup, {@code -U},
 * the {@code -s} fallback, {@code -p}.
 *
 * <p>Every negative map outcome (not found, access error, timeout, full lookup queue) is treated
 * alike, as perdition does (spec §4.1): logged when it is an error, then {@code -s}.
 */
public final class PopmapResolver implements ServerResolver, AutoCloseable {

    private final Settings settings;
    private final Popmap popmap;
    private final LookupExecutor executor;
    /**
     * Round robin over {@code -s}, shared by all connections. perdition starts every connection
     * at a random entry and moves on by one per retry (spec §4.3); one shared counter gives the
     * same spread and the same "retry goes to the next entry", without the randomness.
     */
    private final AtomicInteger nextFallback = new AtomicInteger();

    /**
     * @param popmap   the map, or null for {@code -M ""} (pure proxy: only {@code -s})
     * @param executor where {@link #resolveAsync} runs lookups; closed by {@link #close()}
     */
    public PopmapResolver(Settings settings, Popmap popmap, LookupExecutor executor) {
        this.settings = settings;
        this.popmap = popmap;
        this.executor = executor;
    }

    /** Opens the {@code -M} map and a default {@link LookupExecutor}. */
    public static PopmapResolver create(Settings settings) throws MapLoadException {
        return new PopmapResolver(settings, Popmap.open(settings).orElse(null), new LookupExecutor());
    }

    /** Blocks in the calling thread for the lookup (no timeout); use from worker threads only. */
    @Override
    public Resolution resolve(Credentials credentials, InetSocketAddress client, InetSocketAddress local) {
        if (popmap == null) {
            return choose(credentials, null);
        }
        LookupResult result;
        try {
            result = popmap.lookup(request(credentials, client, local));
        } catch (LookupException e) {
            logLookupFailure(e);
            result = null;
        }
        return choose(credentials, result);
    }

    @Override
    public CompletableFuture<Resolution> resolveAsync(Credentials credentials, InetSocketAddress client,
            InetSocketAddress local) {
        if (popmap == null) {
            return CompletableFuture.completedFuture(choose(credentials, null));
        }
        LookupRequest request = request(credentials, client, local);
        return executor.submit(() -> popmap.lookup(request)).handle((result, error) -> {
            if (error != null) {
                logLookupFailure(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
            return choose(credentials, error == null ? result : null);
        });
    }

    /**
     * The servername_lookup key (spec §3.3 step 3). Seam for a later issue: -S/-A/--lower_case
     * mangling (spec §4.4), -c (client server specification) and --query_key (spec §4.1 steps 2
     * and 4) belong here; today the key is the authorisation id as the client sent it.
     */
    private LookupRequest request(Credentials credentials, InetSocketAddress client, InetSocketAddress local) {
        String loginId = credentials.loginId();
        return new LookupRequest(loginId == null ? "" : loginId, client, local);
    }

    private void logLookupFailure(Throwable error) {
        if (error instanceof LookupException e) {
            Log.err("popmap lookup failed (" + e.kind() + "): " + Log.sanitize(e.getMessage()));
        } else if (error instanceof TimeoutException) {
            Log.err("popmap lookup failed (ACCESS): map library " + popmap.label() + " gave no answer within "
                    + executor.timeout().toSeconds() + " s");
        } else if (error instanceof RejectedExecutionException) {
            Log.err("popmap lookup failed (ACCESS): too many lookups waiting ("
                    + LookupExecutor.QUEUE_CAPACITY + " queued)");
        } else {
            Log.err("popmap lookup failed (OTHER): " + Log.sanitize(String.valueOf(error)));
        }
    }

    /** Steps 5 to 8: map value, -U, -s, -p. {@code found} is null after a lookup error. */
    private Resolution choose(Credentials credentials, LookupResult found) {
        String remoteUser = credentials.loginId();
        BackendAddress server = null;
        if (found instanceof LookupResult.Found value) {
            ServerSpec spec = ServerAddressParser.parse(value.value(), settings.domainDelimiter);
            server = address(spec, "popmap value \"" + Log.sanitize(value.value()) + "\"");
            // -U: the map's user part replaces the authorisation id; remote_login mangling
            // (spec §4.4, a later issue) would start from this name.
            if (settings.usernameFromDatabase && spec.user() != null && !spec.user().isEmpty()) {
                remoteUser = spec.user();
            }
        }
        if (server == null) {
            server = nextFallbackServer();
        }
        if (server == null) {
            Log.debug("Could not determine server for " + Log.sanitize(credentials.loginId()));
        }
        return new Resolution(server, remoteUser, remoteUser);
    }

    /** The next usable {@code -s} entry; unusable entries (bad port) are logged and skipped. */
    private BackendAddress nextFallbackServer() {
        List<String> servers = settings.outgoingServers;
        if (servers.isEmpty()) {
            return null;
        }
        int start = nextFallback.getAndIncrement();
        for (int i = 0; i < servers.size(); i++) {
            String entry = servers.get(Math.floorMod(start + i, servers.size()));
            BackendAddress server = address(ServerAddressParser.parse(entry, settings.domainDelimiter),
                    "-s entry \"" + entry + "\"");
            if (server != null) {
                return server;
            }
        }
        return null;
    }

    /** Host and port, or null when the host is empty or the port unusable (logged). */
    private BackendAddress address(ServerSpec spec, String source) {
        if (spec.host().isEmpty()) {
            return null;
        }
        String portText = spec.port() != null ? spec.port() : settings.effectiveOutgoingPort();
        OptionalInt port = ServicePorts.parse(portText);
        if (port.isEmpty()) {
            Log.err("unusable server in " + source + ": bad port \"" + Log.sanitize(portText) + "\"");
            return null;
        }
        return new BackendAddress(spec.host(), port.getAsInt());
    }

    /** SIGHUP: re-initialise the map; a failure keeps the old data and is logged. */
    @Override
    public void reload() {
        if (popmap == null) {
            return;
        }
        try {
            popmap.reload();
        } catch (LookupException e) {
            Log.err("popmap reload failed (" + e.kind() + "): " + Log.sanitize(e.getMessage()));
        }
    }

    @Override
    public void close() {
        executor.close();
        if (popmap != null) {
            popmap.close();
        }
    }
}
