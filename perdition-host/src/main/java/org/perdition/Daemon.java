package org.perdition;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.perdition.auth.LocalAuthentication;
import org.perdition.config.Settings;
import org.perdition.log.Log;
import org.perdition.lookup.MapLoadException;
import org.perdition.lookup.PopmapResolver;
import org.perdition.lookup.ServerResolver;
import org.perdition.protocol.ProtocolModules;
import org.perdition.net.ConnectionLimiter;
import org.perdition.net.ListenAddresses;
import org.perdition.net.ProxyServer;
import org.perdition.net.Transport;
import org.perdition.net.tls.TlsConfigException;
import org.perdition.net.tls.TlsContexts;
import org.perdition.protocol.ProtocolModule;
import org.perdition.session.GreetingIdentity;
import org.perdition.session.SessionServices;

/** A running proxy: listeners, event loops, the blocking-work pool and the popmap. */
public final class Daemon implements AutoCloseable {

    /** DNS, reverse lookups and PAM (popmap lookups have their own pool): bounded so a flood cannot exhaust memory. */
    private static final int BLOCKING_THREADS = 32;
    private static final int BLOCKING_QUEUE = 4096;

    private final ProxyServer server;
    private final ServerResolver resolver;
    private final ExecutorService blocking;
    private final List<InetSocketAddress> listenAddresses;

    private Daemon(ProxyServer server, ServerResolver resolver, ExecutorService blocking,
                   List<InetSocketAddress> listenAddresses) {
        this.server = server;
        this.resolver = resolver;
        this.blocking = blocking;
        this.listenAddresses = listenAddresses;
    }

    /** Starts the proxy the settings describe: loads the popmap plugin, binds every listen address. */
    public static Daemon start(Settings settings) throws StartupException {
        ProtocolModule protocol;
        try {
            protocol = ProtocolModules.forProtocol(settings.protocol);
        } catch (IllegalArgumentException e) {
            throw new StartupException(settings.programName + ": " + e.getMessage(), e);
        }
        ServerResolver resolver;
        try {
            resolver = PopmapResolver.create(settings);
        } catch (MapLoadException e) {
            throw new StartupException(settings.programName + ": " + e.getMessage(), e);
        }
        return start(settings, protocol, resolver);
    }

    /** Starts with the given protocol module and resolver; binds every listen address or fails. */
    public static Daemon start(Settings settings, ProtocolModule protocol, ServerResolver resolver)
            throws StartupException {
        TlsContexts tls = tlsContexts(settings, resolver);
        Transport transport = Transport.best();
        ExecutorService blocking = newBlockingPool();
        SessionServices services = new SessionServices(settings, protocol, resolver, new GreetingIdentity(settings),
                blocking, new ConnectionLimiter(settings.connectionLimit), transport, tls,
                LocalAuthentication.fromSettings(settings, blocking));
        ProxyServer server = new ProxyServer(services, 0);
        try {
            List<InetSocketAddress> bound = server.bind(ListenAddresses.of(settings));
            Log.info("Listening on " + bound + " for " + settings.protocol + " (" + transport.name() + " transport)");
            return new Daemon(server, resolver, blocking, bound);
        } catch (ProxyServer.BindFailedException | IllegalArgumentException e) {
            blocking.shutdownNow();
            resolver.close();
            throw new StartupException(settings.programName + ": " + e.getMessage(), e);
        }
    }

    /**
     * Certificates and keys load once, at start-up, as perdition does (a key passphrase is read
     * then); a file that does not load is a start-up error. No ssl_mode, no TLS files touched.
     */
    private static TlsContexts tlsContexts(Settings settings, ServerResolver resolver) throws StartupException {
        if (settings.sslMode.isEmpty()) {
            return null;
        }
        try {
            TlsContexts tls = TlsContexts.create(settings);
            Log.info("TLS: ssl_mode " + settings.sslMode.toString().toLowerCase(java.util.Locale.ROOT)
                    + ", engine " + tls.engineName());
            return tls;
        } catch (TlsConfigException e) {
            resolver.close();
            throw new StartupException(settings.programName + ": " + e.getMessage(), e);
        }
    }

    private static ExecutorService newBlockingPool() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(BLOCKING_THREADS, BLOCKING_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(BLOCKING_QUEUE), r -> {
                    Thread t = new Thread(r, "perdition-dns-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The addresses really bound (port 0 in a -b entry becomes the port the system chose). */
    public List<InetSocketAddress> listenAddresses() {
        return listenAddresses;
    }

    /** SIGHUP: re-initialise the popmap and reopen the log (spec §7.4). */
    public void reload() {
        Log.reopen();
        resolver.reload();
    }

    @Override
    public void close() {
        server.close();
        blocking.shutdownNow();
        resolver.close();
    }
}
