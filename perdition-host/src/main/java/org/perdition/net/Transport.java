package org.perdition.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The native epoll transport where the platform has it, NIO otherwise. */
public record Transport(String name,
                        Class<? extends ServerSocketChannel> serverChannel,
                        Class<? extends SocketChannel> clientChannel,
                        boolean epoll) {

    public static Transport best() {
        if (Epoll.isAvailable()) {
            return new Transport("epoll", EpollServerSocketChannel.class, EpollSocketChannel.class, true);
        }
        return new Transport("nio", NioServerSocketChannel.class, NioSocketChannel.class, false);
    }

    /** An event loop group of {@code threads} threads (0 = Netty's default, twice the cores). */
    public EventLoopGroup newGroup(int threads, String threadPrefix) {
        var factory = new io.netty.util.concurrent.DefaultThreadFactory(threadPrefix, true);
        return new MultiThreadIoEventLoopGroup(threads, factory,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }
}
