package org.perdition.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * A syslog daemon's end of /dev/log for tests: a unix datagram socket bound at a path of the test's own
 * (Netty epoll), collecting every datagram it receives as a UTF-8 string.
 */
public final class UnixDatagramListener implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final EventLoopGroup group;
    private final Channel channel;
    private final Path path;
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private UnixDatagramListener(Path path, boolean reading) throws InterruptedException {
        Assumptions.assumeTrue(Epoll.isAvailable(), "no native epoll: unix datagram sockets unavailable");
        this.path = path;
        this.group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        this.channel = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                .option(ChannelOption.AUTO_READ, reading)
                .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket packet) {
                        received.add(packet.content().toString(StandardCharsets.UTF_8));
                    }
                })
                .bind(new DomainSocketAddress(path.toString())).sync().channel();
    }

    /** Binds and reads at {@code path}. */
    public static UnixDatagramListener bind(Path path) throws InterruptedException {
        return new UnixDatagramListener(path, true);
    }

    /** Binds at {@code path} but reads nothing until {@link #startReading()}: its buffer fills up. */
    public static UnixDatagramListener bindNotReading(Path path) throws InterruptedException {
        return new UnixDatagramListener(path, false);
    }

    public void startReading() {
        channel.config().setAutoRead(true);
    }

    public Path path() {
        return path;
    }

    /** Waits for a datagram matching {@code wanted} (earlier ones are kept for {@link #all()}); fails after 30 s. */
    public String await(Predicate<String> wanted, String description) throws InterruptedException {
        synchronized (seen) {
            for (String line : seen) {
                if (wanted.test(line)) {
                    return line;
                }
            }
        }
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            String line = received.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            synchronized (seen) {
                seen.add(line);
            }
            if (wanted.test(line)) {
                return line;
            }
        }
        assertThat(all()).as("a datagram: %s", description).anyMatch(wanted);
        return null;
    }

    /** Waits up to {@code millis} for the next datagram; null if none came. */
    public String poll(long millis) throws InterruptedException {
        String line = received.poll(millis, TimeUnit.MILLISECONDS);
        if (line != null) {
            synchronized (seen) {
                seen.add(line);
            }
        }
        return line;
    }

    /** Every datagram taken so far. */
    public List<String> all() {
        synchronized (seen) {
            received.drainTo(seen);
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() throws Exception {
        channel.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        Files.deleteIfExists(path);
    }
}
