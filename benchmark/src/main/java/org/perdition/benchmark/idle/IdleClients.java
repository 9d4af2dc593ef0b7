package org.perdition.benchmark.idle;

import io.netty.bootstrap.Bootstrap;
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
import io.netty.channel.epoll.EpollSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Logged-in sessions through the proxy, held open and silent. Each connects from one of several
 * loopback source addresses (127.0.0.2, 127.0.0.3, ...): one source address has only ~28,000
 * ephemeral ports towards the proxy's one listening port. A few sessions log in at a time.
 */
final class IdleClients implements AutoCloseable {

    /** Sessions per loopback source address, well under the default ephemeral range (32768-60999). */
    private static final int PER_SOURCE = 20_000;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final Bootstrap bootstrap;
    private final InetSocketAddress proxy;
    private final boolean imap;
    private final List<Channel> open = new ArrayList<>();

    IdleClients(InetSocketAddress proxy, boolean imap) {
        this.proxy = proxy;
        this.imap = imap;
        this.bootstrap = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    }

    int count() {
        return open.size();
    }

    /** Opens sessions, {@code parallel} logins at a time, until {@code target} are logged in. */
    void openUpTo(int target, int parallel) throws IOException {
        AtomicInteger next = new AtomicInteger(open.size());
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < parallel; lane++) {
            lanes.add(lane(next, target));
        }
        try {
            CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).get(600, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("could not hold " + target + " idle sessions (" + open.size() + " open): "
                    + (e.getCause() != null ? e.getCause() : e), e);
        }
    }

    private CompletableFuture<Void> lane(AtomicInteger next, int target) {
        int n = next.getAndIncrement();
        if (n >= target) {
            return CompletableFuture.completedFuture(null);
        }
        return login(n).thenCompose(channel -> {
            synchronized (open) {
                open.add(channel);
            }
            return lane(next, target);
        });
    }

    private CompletableFuture<Channel> login(int n) {
        Session session = new Session(imap, "u" + n);
        InetSocketAddress source = new InetSocketAddress("127.0.0." + (2 + n / PER_SOURCE), 0);
        bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(session);
            }
        }).connect(proxy, source).addListener(f -> {
            if (!f.isSuccess()) {
                session.done.completeExceptionally(f.cause());
            }
        });
        return session.done;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One client's login dialogue; after it, every byte is ignored (there should be none). */
    private static final class Session extends ChannelInboundHandlerAdapter {
        private final boolean imap;
        private final String user;
        private final CompletableFuture<Channel> done = new CompletableFuture<>();
        private final StringBuilder line = new StringBuilder();
        private int step;

        Session(boolean imap, String user) {
            this.imap = imap;
            this.user = user;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                while (!done.isDone() && in.isReadable()) {
                    char c = (char) in.readByte();
                    if (c == '\n') {
                        reply(ctx, line.toString());
                        line.setLength(0);
                    } else {
                        line.append(c);
                    }
                }
            } finally {
                in.release();
            }
        }

        /** IMAP: greeting, "a OK" to LOGIN. POP3: greeting, +OK to USER, +OK to PASS. Untagged lines pass. */
        private void reply(ChannelHandlerContext ctx, String text) {
            if (imap && text.startsWith("* ") && step > 0) {
                return;
            }
            if (!(text.startsWith(imap ? (step == 0 ? "* OK" : "a OK") : "+OK"))) {
                done.completeExceptionally(new IOException(user + ": unexpected reply " + text.strip()));
                ctx.close();
                return;
            }
            step++;
            if (imap && step == 1) {
                send(ctx, "a LOGIN " + user + " secret");
            } else if (!imap && step == 1) {
                send(ctx, "USER " + user);
            } else if (!imap && step == 2) {
                send(ctx, "PASS secret");
            } else {
                done.complete(ctx.channel());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            done.completeExceptionally(new IOException(user + ": closed by the proxy"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            done.completeExceptionally(cause);
            ctx.close();
        }

        private static void send(ChannelHandlerContext ctx, String text) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(text + "\r\n", StandardCharsets.ISO_8859_1));
        }
    }
}
