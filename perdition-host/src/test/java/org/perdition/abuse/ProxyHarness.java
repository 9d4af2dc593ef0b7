package org.perdition.abuse;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.perdition.Daemon;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.log.Level;
import org.perdition.log.Log;
import org.perdition.lookup.PopmapResolver;
import org.perdition.lookup.ServerResolver;
import org.perdition.protocol.ProtocolModules;

/**
 * The running proxy for the abuse and fault suites: a {@link Daemon} on an ephemeral loopback port,
 * no popmap, no failure delay, debug logging into a {@link CapturedLog}; back-ends and clients it
 * opened are closed with it.
 */
public final class ProxyHarness implements AutoCloseable {

    private final Daemon daemon;
    private final CapturedLog log;
    private final List<AutoCloseable> open = new ArrayList<>();

    private ProxyHarness(Daemon daemon, CapturedLog log) {
        this.daemon = daemon;
        this.log = log;
    }

    public static Settings settings(Protocol protocol) {
        Settings settings = new Settings();
        settings.programName = "perdition." + protocol.serviceName();
        settings.protocol = protocol;
        settings.mapLibrary = "";
        settings.bindAddresses.add("127.0.0.1:0");
        settings.failureDelayMillis = 0;
        settings.debug = true;
        return settings;
    }

    public static ProxyHarness start(Protocol protocol, Consumer<Settings> options) throws Exception {
        return start(protocol, options, null);
    }

    /** With {@code resolver} null, the usual popmap resolver (here: the -s list). */
    public static ProxyHarness start(Protocol protocol, Consumer<Settings> options, ServerResolver resolver)
            throws Exception {
        Settings settings = settings(protocol);
        options.accept(settings);
        CapturedLog log = new CapturedLog();
        Log.configure(log, settings.debug ? Level.DEBUG : settings.quiet ? Level.ERR : Level.INFO);
        Daemon daemon = resolver == null
                ? Daemon.start(settings)
                : Daemon.start(settings, ProtocolModules.forProtocol(protocol), resolver);
        return new ProxyHarness(daemon, log);
    }

    /** The popmap resolver the settings describe, for tests that wrap it. */
    public static ServerResolver defaultResolver(Settings settings) throws Exception {
        return PopmapResolver.create(settings);
    }

    public InetSocketAddress address() {
        return daemon.listenAddresses().get(0);
    }

    /** Waits (bounded) until no client session is open (the -L count); true when none is. */
    public boolean awaitNoSessions() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (daemon.activeSessions() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        return daemon.activeSessions() == 0;
    }

    public CapturedLog log() {
        return log;
    }

    public RawClient client() throws java.io.IOException {
        RawClient client = new RawClient(address());
        open.add(client);
        return client;
    }

    public <T extends AutoCloseable> T closeLater(T resource) {
        open.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        daemon.close();
    }
}
