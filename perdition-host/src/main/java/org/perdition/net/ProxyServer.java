package org.perdition.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.perdition.config.Settings;
import org.perdition.session.ClientSession;
import org.perdition.session.SessionServices;

/**
 * Binds every listening address (or adopts inherited sockets, {@link SocketSource}) and gives each
 * accepted connection its pipeline:
 * {@code tls} (ssl_listen), {@code idle} (--authenticate_timeout) then {@code session}. Auto-read is off on client
 * channels: sessions read only when they can take the bytes.
 */
public final class ProxyServer implements AutoCloseable {

    private final SessionServices services;
    /**
     * The event loops, which also accept: a listener is registered on one of them. A separate
     * accept thread cost every connection a wake-up of that thread and a hand-over to an I/O
     * loop (issue 8: "no per-login thread hops beyond the lookup"). The accepting loop still deals
     * connections out to every loop in turn, so the cores share the work; its own share (one in
     * N) is registered with no hop at all.
     */
    private final EventLoopGroup workerGroup;
    private final List<Channel> listeners = new ArrayList<>();
    private Bootstrap pendingConnection;
    private Channel oneConnection;
    private final CompletableFuture<Void> oneConnectionEnded = new CompletableFuture<>();

    public ProxyServer(SessionServices services, int workerThreads) {
        this.services = services;
        Transport transport = services.transport();
        this.workerGroup = transport.newGroup(workerThreads, "perdition-io");
    }

    /** Binds all addresses or none, accepting at once (embedders and tests; the daemon uses {@link #open}). */
    public List<InetSocketAddress> bind(List<InetSocketAddress> addresses) throws BindFailedException {
        List<InetSocketAddress> bound = bindPaused(addresses);
        startServing();
        return bound;
    }

    /**
     * Takes the sockets the source names: binds, adopts systemd's listeners, or wraps the one
     * inherited connection. Nothing is served until {@link #startServing()}: the privilege drop
     * happens in between (spec §7.1: bind, drop, then accept).
     *
     * @return the local addresses listened on, or the connection's local address
     */
    public List<InetSocketAddress> open(SocketSource source) throws BindFailedException,
            SocketSources.InheritedSocketException {
        if (source instanceof SocketSource.Bind bind) {
            return bindPaused(bind.addresses());
        }
        if (source instanceof SocketSource.InheritedListeners inherited) {
            return adoptPaused(inherited.fds());
        }
        SocketSource.InheritedConnection connection = (SocketSource.InheritedConnection) source;
        Channel channel = InheritedConnections.wrap(connection, services.transport());
        pendingConnection = InheritedConnections.bootstrap(workerGroup, channel, services.settings(),
                new ClientInitializer(services));
        oneConnection = channel;
        SessionEndWatcher.watch(channel, () -> oneConnectionEnded.complete(null));
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        return local == null ? List.of() : List.of(local);
    }

    private ServerBootstrap serverBootstrap() {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(workerGroup, workerGroup)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)   // no accept before startServing()
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, SpliceAccounting.INSTANCE)   // splice relay's byte counts
                .childHandler(new ClientInitializer(services));
        // TCP_NODELAY: Netty's socket channels (epoll and NIO) set it themselves; asking again was
        // a second setsockopt(2) per connection. SO_KEEPALIVE is off on a new socket: set only to turn
        // it on (issue 8, one system call less per side of every login).
        if (services.settings().tcpKeepalive) {
            bootstrap.childOption(ChannelOption.SO_KEEPALIVE, true);
        }
        return bootstrap;
    }

    private List<InetSocketAddress> bindPaused(List<InetSocketAddress> addresses) throws BindFailedException {
        ServerBootstrap bootstrap = serverBootstrap().channel(services.transport().serverChannel());
        List<InetSocketAddress> bound = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            var future = bootstrap.bind(address).awaitUninterruptibly();
            if (!future.isSuccess()) {
                close();
                throw new BindFailedException(address, future.cause());
            }
            listeners.add(future.channel());
            bound.add((InetSocketAddress) future.channel().localAddress());
        }
        return bound;
    }

    /** Closes the listening sockets only: accepted sessions go on (SIGTERM's drain, spec §7.4). */
    public void stopListening() {
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly();
        }
    }

    /** systemd's listening sockets (Accept=no): registered as they are, never bound by us. */
    private List<InetSocketAddress> adoptPaused(List<Integer> fds) throws SocketSources.InheritedSocketException {
        if (!services.transport().epoll()) {
            throw new SocketSources.InheritedSocketException(
                    "systemd socket activation needs the epoll transport (the JDK cannot wrap fd 3)");
        }
        List<InetSocketAddress> adopted = new ArrayList<>();
        for (int fd : fds) {
            var future = serverBootstrap().channelFactory(() -> new EpollServerSocketChannel(fd))
                    .register().awaitUninterruptibly();
            if (!future.isSuccess()) {
                close();
                throw new SocketSources.InheritedSocketException("cannot use systemd socket fd " + fd + ": "
                        + future.cause().getMessage());
            }
            listeners.add(future.channel());
            adopted.add((InetSocketAddress) future.channel().localAddress());
        }
        return adopted;
    }

    /** Starts accepting on every listener, or serving the one inherited connection. */
    public void startServing() {
        for (Channel listener : listeners) {
            listener.config().setAutoRead(true);
        }
        if (pendingConnection != null) {
            pendingConnection.register().awaitUninterruptibly();
            pendingConnection = null;
        }
    }

    /** The inherited connection (-i, Accept=yes) when serving one; null for a daemon. */
    public Channel oneConnection() {
        return oneConnection;
    }

    /** Completes when the inherited connection's session is over; never for a daemon. */
    public CompletableFuture<Void> oneConnectionEnded() {
        return oneConnectionEnded;
    }

    @Override
    public void close() {
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly();
        }
        if (oneConnection != null && pendingConnection != null) {
            oneConnection.close();   // wrapped but never registered: only the fd to release
        }
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    /**
     * One pipeline per accepted client, top-down. With --proxy_protocol the session's handlers
     * wait until the balancer's PROXY header is in ({@link ProxyProtocolHandler}).
     */
    static final class ClientInitializer extends ChannelInitializer<SocketChannel> {
        /** Dovecot's haproxy_timeout: a balancer sends its header at once. */
        private static final long PROXY_HEADER_TIMEOUT_MILLIS = 3_000;

        private final SessionServices services;
        private final TrustedNetworks balancers;

        ClientInitializer(SessionServices services) {
            this.services = services;
            this.balancers = TrustedNetworks.parse(services.settings().proxyProtocolFrom);
        }

        @Override
        protected void initChannel(SocketChannel ch) {
            if (balancers.isEmpty()) {
                addSessionHandlers(ch);
                return;
            }
            int authenticateTimeout = services.settings().authenticateTimeout;
            long headerTimeout = authenticateTimeout > 0
                    ? Math.min(PROXY_HEADER_TIMEOUT_MILLIS, authenticateTimeout * 1000L) : PROXY_HEADER_TIMEOUT_MILLIS;
            ProxyProtocolHandler.addTo(ch, new ProxyProtocolHandler(balancers, headerTimeout, this::addSessionHandlers));
        }

        private void addSessionHandlers(Channel ch) {
            Settings settings = services.settings();
            if (settings.sslListen()) {
                // ssl_listen: TLS from the first byte; the session greets once the handshake is done.
                ch.pipeline().addLast(PipelineNames.TLS, services.tls().newServerHandler(ch.alloc(), false));
            }
            if (settings.authenticateTimeout > 0) {
                ch.pipeline().addLast(PipelineNames.IDLE,
                        new IdleStateHandler(settings.authenticateTimeout, 0, 0, TimeUnit.SECONDS));
            }
            ch.pipeline().addLast(PipelineNames.SESSION, new ClientSession(services));
        }
    }

    /** A listening address could not be bound (in use, not local, no permission). */
    public static final class BindFailedException extends Exception {
        public BindFailedException(InetSocketAddress address, Throwable cause) {
            super("cannot listen on " + address + ": " + cause.getMessage(), cause);
        }
    }
}
