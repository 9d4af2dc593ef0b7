package org.perdition.benchmark.idle;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A back-end that only greets and accepts any login (IMAP {@code LOGIN} with LITERAL+, POP3
 * {@code USER}/{@code PASS}), then stays silent: what the proxy relays to it while a session is idle.
 * Dovecot forks a process per session and cannot hold 100,000 on this machine, so the idle-capacity
 * run uses this instead. It listens on several ports: the proxy's {@code -s} list spreads its
 * connections over them round robin, and each back-end port gives the proxy's outgoing connections
 * their own ~28,000 ephemeral source ports.
 */
final class TinyBackend implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final List<Channel> listeners = new ArrayList<>();

    TinyBackend(boolean imap, int ports) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LoginOnly(imap));
                    }
                });
        for (int i = 0; i < ports; i++) {
            listeners.add(bootstrap.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel());
        }
    }

    /** "127.0.0.1:p1,127.0.0.1:p2,...": the proxy's -s list. */
    String serverList() {
        StringBuilder list = new StringBuilder();
        for (Channel listener : listeners) {
            list.append(list.length() == 0 ? "" : ",").append("127.0.0.1:")
                    .append(((InetSocketAddress) listener.localAddress()).getPort());
        }
        return list.toString();
    }

    @Override
    public void close() {
        listeners.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Greets, answers the login dialogue line by line, and ignores everything after it. */
    private static final class LoginOnly extends ChannelInboundHandlerAdapter {
        private final boolean imap;
        private final StringBuilder line = new StringBuilder();
        private boolean loggedIn;
        private String tag;

        LoginOnly(boolean imap) {
            this.imap = imap;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            write(ctx, imap ? "* OK [CAPABILITY IMAP4rev1 LITERAL+] tiny back-end ready" : "+OK tiny back-end ready");
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                while (!loggedIn && in.isReadable()) {
                    char c = (char) in.readByte();
                    if (c == '\n') {
                        answer(ctx, line.toString().strip());
                        line.setLength(0);
                    } else {
                        line.append(c);
                    }
                }
            } finally {
                in.release();
            }
        }

        /** IMAP: the proxy sends "t LOGIN {n+}", "user {n+}", "password"; the last line ends the command. */
        private void answer(ChannelHandlerContext ctx, String text) {
            if (imap) {
                if (text.contains(" LOGIN ")) {
                    tag = text.substring(0, text.indexOf(' '));
                }
                if (tag != null && !text.endsWith("+}")) {
                    write(ctx, tag + " OK LOGIN completed");
                    loggedIn = true;
                }
            } else if (text.startsWith("PASS ")) {
                write(ctx, "+OK logged in");
                loggedIn = true;
            } else {
                write(ctx, text.startsWith("USER ") ? "+OK" : "-ERR not here");
            }
        }

        private static void write(ChannelHandlerContext ctx, String text) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(text + "\r\n", StandardCharsets.ISO_8859_1));
        }
    }
}
