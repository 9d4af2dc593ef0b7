package org.perdition.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** getsockopt on real descriptors: what SocketSources decides systemd's fds are. */
class InheritedFdTest {

    @Test
    void listeningAndConnectedTcpSocketsAreToldApart() throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable(), "epoll (Linux) needed to see the descriptors");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            EpollServerSocketChannel server = (EpollServerSocketChannel) new ServerBootstrap().group(group)
                    .channel(EpollServerSocketChannel.class).childHandler(new ChannelInboundHandlerAdapter())
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            EpollSocketChannel client = (EpollSocketChannel) new Bootstrap().group(group)
                    .channel(EpollSocketChannel.class).handler(new ChannelInboundHandlerAdapter())
                    .connect(server.localAddress()).sync().channel();

            InheritedFd listening = InheritedFd.inspect(server.fd().intValue());
            assertThat(listening.tcp()).isTrue();
            assertThat(listening.listening()).isTrue();
            InheritedFd connected = InheritedFd.inspect(client.fd().intValue());
            assertThat(connected.tcp()).isTrue();
            assertThat(connected.listening()).isFalse();
            client.close().sync();
            server.close().sync();
        } finally {
            group.shutdownGracefully().sync();
        }
    }

    @Test
    void aDescriptorThatIsNoSocketSaysWhy() {
        InheritedFd closed = InheritedFd.inspect(987654);   // far above any descriptor this JVM opens
        assertThat(closed.tcp()).isFalse();
        assertThat(closed.error()).isEqualTo("Bad file descriptor");
    }
}
