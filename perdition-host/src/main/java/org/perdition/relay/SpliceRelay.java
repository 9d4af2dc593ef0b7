package org.perdition.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.perdition.config.Settings;
import org.perdition.net.PipelineNames;
import org.perdition.net.SpliceAccounting;

/**
 * Chooses between the two relays and starts the zero-copy one (issue 8: CPU per GB relayed).
 * splice(2) moves bytes between two sockets through a kernel pipe without copying them into the
 * JVM; it applies only when both sides are plain TCP on the epoll transport (TLS needs the bytes
 * to encrypt them; {@code -C -d} logs them) and both channels count spliced bytes (created with
 * {@link SpliceAccounting}). Everything else takes {@link RelayHandler}'s copy relay. Inherited
 * client sockets (inetd, socket activation) are not created with that estimator, so they copy too:
 * splice(2) blocks on a socket without O_NONBLOCK whatever its flags say, and an inherited socket
 * may be blocking (SocketActivationMailTest hung on it).
 * {@code -Dperdition.relay.splice=false} forces the copy relay (for measuring one against the other).
 */
public final class SpliceRelay {

    private static final LongAdder STARTED = new LongAdder();

    private SpliceRelay() {
    }

    /** How many relays this process started on the splice path (tests check which path a session took). */
    public static long started() {
        return STARTED.sum();
    }

    /** Whether the relay between {@code client} and {@code backend} can splice. */
    public static boolean applies(Channel client, Channel backend, Settings settings) {
        return !"false".equals(System.getProperty("perdition.relay.splice"))
                && SpliceAccounting.available()
                && !(settings.connectionLogging && settings.debug)
                && plainEpoll(client) && plainEpoll(backend)
                && client.eventLoop() == backend.eventLoop();
    }

    private static boolean plainEpoll(Channel channel) {
        return channel instanceof AbstractEpollStreamChannel
                && channel.pipeline().get(PipelineNames.TLS) == null
                && channel.pipeline().get(SslHandler.class) == null
                && SpliceAccounting.counts(channel);
    }

    /**
     * Installs a {@link SpliceRelayHandler} on both channels (as {@link PipelineNames#RELAY}) and
     * starts both directions. Bytes already queued for writing on either channel (the login reply,
     * what the other side sent with its login) go out first: spliced chunks queue behind them.
     *
     * @param received counts client → back-end bytes, {@code sent} back-end → client (spec §6.1)
     * @param idle the {@code -t} timer, or null
     */
    public static void start(Channel client, Channel backend, AtomicLong received, AtomicLong sent,
                             SpliceIdleTimeout idle) {
        STARTED.increment();
        prepare(client);
        prepare(backend);
        var fromClient = new SpliceRelayHandler((AbstractEpollStreamChannel) backend, received, sent, idle);
        var fromBackend = new SpliceRelayHandler((AbstractEpollStreamChannel) client, sent, received, idle);
        client.pipeline().addLast(PipelineNames.RELAY, fromClient);
        backend.pipeline().addLast(PipelineNames.RELAY, fromBackend);
        fromClient.start(client.pipeline().context(fromClient), fromBackend);
        fromBackend.start(backend.pipeline().context(fromBackend), fromClient);
    }

    /**
     * spliceTo's other condition, level-triggered epoll on both channels, always holds in Netty 4.2
     * (edge-triggered mode is gone: {@code setEpollMode} is a no-op). The splice length per read is
     * the receive allocator's guess, which Netty's adaptive allocator grows to 64 KiB (one pipe) on
     * a bulk transfer; the allocator cannot be changed here, the channel has cached its handle.
     */
    private static void prepare(Channel channel) {
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    }
}
