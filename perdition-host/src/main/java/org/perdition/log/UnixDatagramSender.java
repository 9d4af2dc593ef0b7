package org.perdition.log;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connected unix datagram socket, such as {@code /dev/log}. JDK 17 cannot open one
 * ({@code DatagramChannel.open(UNIX)} is unsupported), Netty's native epoll transport can; it must be
 * connected, an unconnected packet write fails (shared/notes/dependencies.md).
 *
 * <p>{@link #send} never blocks its caller (often a session's event loop): the datagram is handed to
 * this sender's own one-thread loop. When the socket's buffer is full (syslog daemon behind) lines
 * queue up to {@link #HIGH_WATER} bytes and beyond that are dropped and counted, never waited for.
 */
final class UnixDatagramSender implements AutoCloseable {

    /** What became of one datagram. */
    enum Outcome { QUEUED, DROPPED, DISCONNECTED }

    static final int HIGH_WATER = 256 * 1024;
    /** A lost syslog daemon is looked for again at most this often. */
    private static final long RECONNECT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String path;
    private final EventLoopGroup group;
    private final AtomicLong failedWrites = new AtomicLong();
    private volatile Channel channel;
    private volatile long lastConnectAttempt = System.nanoTime() - RECONNECT_NANOS;

    private UnixDatagramSender(String path, EventLoopGroup group) {
        this.path = path;
        this.group = group;
    }

    /** True when this platform can open unix datagram sockets (Linux with Netty's native epoll). */
    static boolean available() {
        return Epoll.isAvailable();
    }

    /**
     * Connects to {@code path}. Fails with a message when epoll is missing or nothing listens there.
     */
    static UnixDatagramSender connect(String path) throws java.io.IOException {
        if (!available()) {
            throw new java.io.IOException("unix datagram sockets need Netty's native epoll transport: "
                    + Epoll.unavailabilityCause());
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("perdition-syslog", true),
                EpollIoHandler.newFactory());
        UnixDatagramSender sender = new UnixDatagramSender(path, group);
        String problem = sender.reconnect();
        if (problem != null) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new java.io.IOException(problem);
        }
        return sender;
    }

    /** @return null when connected, else why not */
    private synchronized String reconnect() {
        Channel current = channel;
        if (current != null && current.isActive()) {
            return null;   // another thread reconnected first
        }
        lastConnectAttempt = System.nanoTime();
        ChannelFuture connected = new Bootstrap()
                .group(group)
                .channel(EpollDomainDatagramChannel.class)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(HIGH_WATER / 2, HIGH_WATER))
                .handler(new ChannelInboundHandlerAdapter())
                .connect(new DomainSocketAddress(path))
                .awaitUninterruptibly();   // a unix datagram connect has no handshake: it succeeds or fails at once
        if (!connected.isSuccess()) {
            connected.channel().close();
            return "cannot connect to " + path + ": " + connected.cause().getMessage();
        }
        channel = connected.channel();
        return null;
    }

    Outcome send(byte[] datagram) {
        Channel current = channel;
        if (current == null || !current.isActive()) {
            if (System.nanoTime() - lastConnectAttempt < RECONNECT_NANOS || reconnect() != null) {
                return Outcome.DISCONNECTED;
            }
            current = channel;
        }
        if (!current.isWritable()) {
            return Outcome.DROPPED;
        }
        Channel target = current;
        target.writeAndFlush(Unpooled.wrappedBuffer(datagram)).addListener(f -> {
            if (!f.isSuccess()) {
                // The daemon went away (ECONNREFUSED) or the line was refused: count it, and reconnect later.
                failedWrites.incrementAndGet();
                target.close();
            }
        });
        return Outcome.QUEUED;
    }

    /** Datagrams that were queued but could not be sent. */
    long failedWrites() {
        return failedWrites.get();
    }

    /** Forgets the connection, so the next line connects afresh (SIGHUP: syslogd may have restarted). */
    void reset() {
        Channel current = channel;
        channel = null;
        lastConnectAttempt = System.nanoTime() - RECONNECT_NANOS;   // nanoTime may be negative: no 0 here
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void close() {
        Channel current = channel;
        if (current != null) {
            current.close().awaitUninterruptibly(2, TimeUnit.SECONDS);   // lets queued lines go out
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
