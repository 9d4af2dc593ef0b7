package org.perdition.lookup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.perdition.config.Settings;
import org.perdition.log.Log;
import org.perdition.lookup.ServerAddressParser.ServerSpec;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.protocol.Credentials;

/**
 * perdition's server selection (spec §3.3 steps 3 to 8 and 13, §4): the servername_lookup name,
 * {@code -c}, the popmap lookup ({@code --query_key}), {@code -U}, the {@code -s} fallback,
 * {@code -p}, and the local_authentication and remote_login names.
 *
 * <p>Every negative map outcome (not found, access error, timeout, full lookup queue) is treated
 * alike, as perdition does (spec §4.1): logged when it is an error, then {@code -s}.
 *
 * <p>Blocking work (the reverse DNS of {@code -A}, the DNS check of {@code --client_server_allow},
 * the map) runs on the lookup executor in {@link #resolveAsync}, never on the caller's event loop.
 */
public final class PopmapResolver implements ServerResolver, AutoCloseable {

    private final Settings settings;
    private final Popmap popmap;
    private final LookupExecutor executor;
    private final LoginNames names;
    private final ClientServerAllowList allowList;
    private final ClientServerAllowList.ForwardDns forwardDns;
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
        this(settings, popmap, executor, LocalDomain.SYSTEM_REVERSE_DNS);
    }

    /** @param reverseDns the reverse resolver for {@code -A} (a fake in unit tests) */
    public PopmapResolver(Settings settings, Popmap popmap, LookupExecutor executor,
            Function<InetAddress, String> reverseDns) {
        this(settings, popmap, executor, reverseDns, ClientServerAllowList.ForwardDns.SYSTEM);
    }

    /** @param forwardDns the resolver for {@code --client_server_allow}'s address check (a fake in tests) */
    public PopmapResolver(Settings settings, Popmap popmap, LookupExecutor executor,
            Function<InetAddress, String> reverseDns, ClientServerAllowList.ForwardDns forwardDns) {
        this.settings = settings;
        this.forwardDns = forwardDns;
        this.popmap = popmap;
        this.executor = executor;
        this.names = new LoginNames(settings, reverseDns);
        this.allowList = settings.clientServerAllow.isEmpty() ? null
                : ClientServerAllowList.parse(settings.clientServerAllow);
    }

    /** Opens the {@code -M} map and a default {@link LookupExecutor}; warns about an unrestricted {@code -c}. */
    public static PopmapResolver create(Settings settings) throws MapLoadException {
        if (settings.clientServerSpecification && settings.clientServerAllow.isEmpty()) {
            Log.warning("--client_server_specification without --client_server_allow: any client can make "
                    + "this proxy connect to any host and port (open relay); list the allowed back-ends "
                    + "with --client_server_allow");
        }
        return new PopmapResolver(settings, Popmap.open(settings).orElse(null), new LookupExecutor());
    }

    /** Blocks in the calling thread (DNS, the map; no timeout); use from worker threads only. */
    @Override
    public Resolution resolve(Credentials credentials, InetSocketAddress client, InetSocketAddress local) {
        LoginNames.Prepared prepared = prepare(credentials, client, local);
        if (!consultsMap(prepared)) {
            return choose(prepared, null);
        }
        LookupResult result;
        try {
            result = lookup(prepared, client, local);
        } catch (LookupException e) {
            logLookupFailure(e);
            result = null;
        }
        return choose(prepared, result);
    }

    @Override
    public CompletableFuture<Resolution> resolveAsync(Credentials credentials, InetSocketAddress client,
            InetSocketAddress local) {
        if (!prepareBlocks()) {
            // The names and -c are string work here: only the map (if any) goes to the executor.
            return lookupAsync(prepare(credentials, client, local), client, local);
        }
        return executor.submit(() -> prepare(credentials, client, local)).handle((prepared, error) -> {
            if (error != null) {
                // Reverse DNS (-A) or the -c address check hung, failed, or found the queue full.
                Log.err("server selection failed before the map lookup: " + describe(unwrap(error)));
                return CompletableFuture.completedFuture(
                        new Resolution(null, credentials.loginId(), credentials.user()));
            }
            return lookupAsync(prepared, client, local);
        }).thenCompose(Function.identity());
    }

    /** The map on the executor (bounded by its timeout), or at once when the map is not asked. */
    private CompletableFuture<Resolution> lookupAsync(LoginNames.Prepared prepared, InetSocketAddress client,
            InetSocketAddress local) {
        if (!consultsMap(prepared)) {
            return CompletableFuture.completedFuture(choose(prepared, null));
        }
        return executor.submit(() -> lookup(prepared, client, local)).handle((result, error) -> {
            if (error != null) {
                logLookupFailure(unwrap(error));
            }
            return choose(prepared, error == null ? result : null);
        });
    }

    /** True when {@link #prepare} may block: reverse DNS for -A, or DNS for an address pattern of -c. */
    private boolean prepareBlocks() {
        return names.needsReverseDns()
                || (settings.clientServerSpecification && allowList != null && allowList.hasAddressPatterns());
    }

    /** Steps 3 and 4 up to the map: names (may block on reverse DNS) and -c (may block on DNS). */
    private LoginNames.Prepared prepare(Credentials credentials, InetSocketAddress client, InetSocketAddress local) {
        LoginNames.Prepared prepared = names.prepare(credentials, local);
        if (prepared.clientSpec() == null) {
            return prepared;
        }
        String source = "client server specification \"" + Log.sanitize(prepared.lookupName()) + "\"";
        BackendAddress chosen = address(prepared.clientSpec(), source);
        if (chosen == null || allowList == null) {
            return prepared.withClientServer(chosen);
        }
        Optional<List<InetAddress>> checked = allowList.check(chosen.host(), chosen.port(), defaultPort(), forwardDns);
        if (checked.isEmpty()) {
            Log.err("refused " + source + ": " + Log.sanitize(chosen.toString())
                    + " is not in --client_server_allow");
            return prepared.refusedTarget();
        }
        // An address pattern's verdict holds for the addresses it saw: connect to those (rebinding).
        return prepared.withClientServer(chosen.pinnedTo(checked.get()));
    }

    /** spec §4.1 step 1: no map, or a -c choice, means no lookup. */
    private boolean consultsMap(LoginNames.Prepared prepared) {
        return popmap != null && !prepared.clientChosen();
    }

    /**
     * spec §4.1 steps 3 and 4: the servername_lookup name, or each --query_key in turn while the
     * map says "not found"; an error (thrown) ends the list.
     */
    private LookupResult lookup(LoginNames.Prepared prepared, InetSocketAddress client, InetSocketAddress local)
            throws LookupException {
        if (settings.queryKeys.isEmpty()) {
            return popmap.lookup(new LookupRequest(prepared.lookupName(), client, local));
        }
        for (String format : settings.queryKeys) {
            var key = QueryKeys.expand(format, prepared.lookupName(), settings.domainDelimiter, client, local);
            if (key.isEmpty()) {
                Log.debug("query_key \"" + Log.sanitize(format) + "\": unknown escape, lookup abandoned");
                return LookupResult.notFound();
            }
            Log.debug("query_key \"" + Log.sanitize(format) + "\" -> \"" + Log.sanitize(key.get()) + "\"");
            LookupResult result = popmap.lookup(new LookupRequest(key.get(), client, local));
            if (result instanceof LookupResult.Found) {
                return result;
            }
        }
        return LookupResult.notFound();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private String describe(Throwable error) {
        if (error instanceof TimeoutException) {
            return "DNS gave no answer within " + executor.timeout().toSeconds() + " s";
        }
        if (error instanceof RejectedExecutionException) {
            return "too many lookups waiting (" + LookupExecutor.QUEUE_CAPACITY + " queued)";
        }
        return Log.sanitize(String.valueOf(error));
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

    /** Steps 5 to 8 and 13: map value, -U, -s, -p, then the local_authentication and remote_login names. */
    private Resolution choose(LoginNames.Prepared prepared, LookupResult found) {
        String base = prepared.baseName();
        String logName = prepared.logName();
        BackendAddress server = prepared.clientServer();
        if (found instanceof LookupResult.Found value) {
            ServerSpec spec = ServerAddressParser.parse(value.value(), settings.domainDelimiter);
            server = address(spec, "popmap value \"" + Log.sanitize(value.value()) + "\"");
            // -U: the map's user part replaces the authorisation id (spec §3.3 step 5); the other
            // two states start from it (spec §4.4).
            if (settings.usernameFromDatabase && spec.user() != null && !spec.user().isEmpty()) {
                base = spec.user();
                logName = prepared.hasAuthzid() ? logName : base;
            }
        }
        if (server == null && !prepared.refused()) {
            server = nextFallbackServer();
        }
        if (server == null) {
            Log.debug("Could not determine server for " + Log.sanitize(prepared.lookupName()));
        }
        return new Resolution(server, names.remoteLogin(base, prepared), logName,
                names.localAuthentication(base, prepared));
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

    private int defaultPort() {
        OptionalInt port = ServicePorts.parse(settings.effectiveOutgoingPort());
        return port.orElse(settings.protocol.defaultPort());
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
