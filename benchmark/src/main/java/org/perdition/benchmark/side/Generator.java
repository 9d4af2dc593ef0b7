package org.perdition.benchmark.side;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;

/**
 * The load generator's network side: one Netty client (epoll where available) with a few event-loop
 * threads for every session, plain or TLS. TLS sessions are not resumed (no peer host is given to the
 * engine), so every TLS login pays a full handshake, as a fresh client does.
 */
final class Generator implements AutoCloseable {

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final SslContext tls;

    Generator(int threads) throws SSLException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(threads, io);
        bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        tls = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    }

    /** Connects and completes once the server's greeting ({@code greeting}) has arrived. */
    CompletableFuture<Conn> open(int port, boolean useTls, Expect greeting) {
        Conn conn = new Conn(greeting);
        ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (useTls) {
                    ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                }
                ch.pipeline().addLast(conn);
            }
        }).connect("127.0.0.1", port);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                conn.failGreeting(f.cause());
            }
        });
        return conn.greeted();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
