package org.perdition.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.perdition.config.Settings;
import org.perdition.session.ClientSession;
import org.perdition.session.SessionServices;

/**
 * Binds every listening address and gives each accepted connection its pipeline:
 * {@code tls} (ssl_listen), {@code idle} (--authenticate_timeout) then {@code session}. Auto-read is off on client
 * channels: sessions read only when they can take the bytes.
 */
public final class ProxyServer implements AutoCloseable {

    private final SessionServices services;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final List<Channel> listeners = new ArrayList<>();

    public ProxyServer(SessionServices services, int workerThreads) {
        this.services = services;
        Transport transport = services.transport();
        this.bossGroup = transport.newGroup(1, "perdition-accept");
        this.workerGroup = transport.newGroup(workerThreads, "perdition-io");
    }

    /** Binds all addresses or none: a failure closes what was bound and throws. */
    public List<InetSocketAddress> bind(List<InetSocketAddress> addresses) throws BindFailedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(services.transport().serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, services.settings().tcpKeepalive)
                .childHandler(new ClientInitializer(services));
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

    @Override
    public void close() {
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly();
        }
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    /** One pipeline per accepted client, top-down. */
    private static final class ClientInitializer extends ChannelInitializer<SocketChannel> {
        private final SessionServices services;

        ClientInitializer(SessionServices services) {
            this.services = services;
        }

        @Override
        protected void initChannel(SocketChannel ch) {
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
