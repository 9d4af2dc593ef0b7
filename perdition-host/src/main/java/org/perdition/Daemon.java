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
import org.perdition.net.ProxyServer;
import org.perdition.net.SocketSource;
import org.perdition.net.SocketSources;
import org.perdition.net.Transport;
import org.perdition.net.tls.TlsConfigException;
import org.perdition.net.tls.TlsContexts;
import org.perdition.protocol.ProtocolModule;
import org.perdition.session.GreetingIdentity;
import org.perdition.session.SessionServices;

/** A running proxy: listeners, event loops, the blocking-work pool and the popmap. */
public final class Daemon implements AutoCloseable, org.perdition.process.GracefulStop.Stoppable {

    /** DNS, reverse lookups and PAM (popmap lookups have their own pool): bounded so a flood cannot exhaust memory. */
    private static final int BLOCKING_THREADS = 32;
    private static final int BLOCKING_QUEUE = 4096;

    private final ProxyServer server;
    private final ServerResolver resolver;
    private final ExecutorService blocking;
    private final List<InetSocketAddress> listenAddresses;
    private final ConnectionLimiter sessions;

    private Daemon(ProxyServer server, ServerResolver resolver, ExecutorService blocking,
                   List<InetSocketAddress> listenAddresses, ConnectionLimiter sessions) {
        this.server = server;
        this.sessions = sessions;
        this.resolver = resolver;
        this.blocking = blocking;
        this.listenAddresses = listenAddresses;
    }

    /** Starts the proxy the settings describe: loads the popmap plugin, binds every listen address. */
    public static Daemon start(Settings settings) throws StartupException {
        return start(settings, oneConnection -> { });
    }

    /**
     * As the launcher starts it: {@code beforeServing} runs once the sockets are in hand (bound,
     * inherited from systemd, or the -i connection) and before anything is accepted or read: the
     * privilege drop of spec §7.1.
     */
    public static Daemon start(Settings settings, BeforeServing beforeServing) throws StartupException {
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
        return start(settings, protocol, resolver, beforeServing);
    }

    /** Starts with the given protocol module and resolver; binds every listen address or fails. */
    public static Daemon start(Settings settings, ProtocolModule protocol, ServerResolver resolver)
            throws StartupException {
        return start(settings, protocol, resolver, oneConnection -> { });
    }

    private static Daemon start(Settings settings, ProtocolModule protocol, ServerResolver resolver,
                                BeforeServing beforeServing) throws StartupException {
        TlsContexts tls = tlsContexts(settings, resolver);
        Transport transport = Transport.best();
        ExecutorService blocking = newBlockingPool();
        ConnectionLimiter sessions = new ConnectionLimiter(settings.connectionLimit);
        SessionServices services = new SessionServices(settings, protocol, resolver, new GreetingIdentity(settings),
                blocking, sessions, transport, tls, LocalAuthentication.fromSettings(settings, blocking));
        ProxyServer server = new ProxyServer(services, 0);
        try {
            SocketSource source = SocketSources.choose(settings);
            keepStdoutForTheClient(source);
            List<InetSocketAddress> bound = server.open(source);
            beforeServing.run(source instanceof SocketSource.InheritedConnection);
            server.startServing();
            if (server.oneConnection() != null) {
                Log.debug("Serving one connection on " + bound + " for " + settings.protocol + " ("
                        + transport.name() + " transport)");
            } else {
                Log.info("Listening on " + bound + " for " + settings.protocol + " (" + transport.name()
                        + " transport)");
            }
            return new Daemon(server, resolver, blocking, bound, sessions);
        } catch (ProxyServer.BindFailedException | SocketSources.InheritedSocketException
                 | IllegalArgumentException e) {
            server.close();
            blocking.shutdownNow();
            resolver.close();
            throw new StartupException(settings.programName + ": " + e.getMessage(), e);
        } catch (StartupException e) {
            server.close();
            blocking.shutdownNow();
            resolver.close();
            throw e;
        }
    }

    /** With -i, standard output is the client (-F - is refused at start-up): a stray println must not reach it. */
    private static void keepStdoutForTheClient(SocketSource source) {
        if (source instanceof SocketSource.InheritedConnection c && c.fd() == 0) {
            System.setOut(System.err);
        }
    }

    /** What runs between "sockets in hand" and "serving" (pid file, privilege drop). */
    @FunctionalInterface
    public interface BeforeServing {
        /** @param oneConnection true when serving one inherited connection (-i, systemd Accept=yes) */
        void run(boolean oneConnection) throws StartupException;
    }

    /**
     * Runs {@code action} once the one inherited connection (-i, systemd Accept=yes) has ended and
     * its session has logged its last line; never for a daemon with listeners.
     */
    public void whenOneConnectionEnds(Runnable action) {
        server.oneConnectionEnded().thenRun(action);
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
        Log.info("Reopened logger");
        resolver.reload();
    }

    /** SIGTERM: new connections are refused from now on; open sessions go on. */
    @Override
    public void stopAccepting() {
        server.stopListening();
    }

    /** Client sessions open now (the -L count). */
    @Override
    public int activeSessions() {
        return sessions.active();
    }

    @Override
    public void close() {
        server.close();
        blocking.shutdownNow();
        resolver.close();
    }
}
