package org.perdition.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.perdition.config.Settings;

/**
 * One connection handed to us already accepted ({@code -i}, systemd {@code Accept=yes}), put into
 * the same pipeline as an accepted client. epoll wraps the descriptor itself
 * ({@code new EpollSocketChannel(fd)}); NIO wraps the JDK's {@code System.inheritedChannel()}, which
 * exists only for fd 0.
 *
 * <p>perdition reads fd 0 and writes fd 1 (spec §7.6); inetd and systemd make both the same socket,
 * so we read and write fd 0. Standard output is then the client: nothing else may write to it.
 */
final class InheritedConnections {

    private InheritedConnections() {
    }

    static Channel wrap(SocketSource.InheritedConnection connection, Transport transport)
            throws SocketSources.InheritedSocketException {
        if (transport.epoll()) {
            return new EpollSocketChannel(connection.fd());
        }
        if (connection.jdkChannel() != null) {
            return new NioSocketChannel(connection.jdkChannel());
        }
        throw new SocketSources.InheritedSocketException("a connection on fd " + connection.fd()
                + " needs the epoll transport (the JDK wraps only fd 0)");
    }

    /** Registering the returned bootstrap starts the session (channelActive: the greeting). */
    static Bootstrap bootstrap(EventLoopGroup group, Channel channel, Settings settings, ChannelHandler initializer) {
        return new Bootstrap()
                .group(group)
                .channelFactory(() -> channel)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, settings.tcpKeepalive)
                .handler(initializer);
    }
}
