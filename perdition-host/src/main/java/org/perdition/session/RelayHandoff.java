package org.perdition.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.perdition.config.Settings;
import org.perdition.log.SessionLog;
import org.perdition.net.PipelineNames;
import org.perdition.relay.IdleRelayTimeout;
import org.perdition.relay.RelayHandler;
import org.perdition.relay.SpliceIdleTimeout;
import org.perdition.relay.SpliceRelay;
import org.perdition.relay.TrafficLogHandler;

/**
 * Turns a logged-in session into a dumb relay (Dovecot's {@code login_proxy_detach}): drops the
 * protocol handlers, keeps bytes already buffered on both sides, switches the timeout from
 * {@code --authenticate_timeout} to {@code -t}, re-logs the Auth line every
 * {@code --connect_relog} seconds, and logs {@code Closing session} at the end.
 */
final class RelayHandoff {

    private final SessionServices services;
    private final SessionLog sessionLog;
    private final SessionLog.AuthAttempt authLine;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    RelayHandoff(SessionServices services, SessionLog sessionLog, SessionLog.AuthAttempt authLine) {
        this.services = services;
        this.sessionLog = sessionLog;
        this.authLine = authLine;
    }

    /**
     * @param backendLeftover bytes the back-end sent after its login reply, for the client
     * @param clientPipelined bytes the client sent after its login command, for the back-end
     */
    void start(ChannelHandlerContext clientCtx, Channel backend, ByteBuf backendLeftover, ByteBuf clientPipelined) {
        Settings settings = services.settings();
        Channel client = clientCtx.channel();
        sent.addAndGet(backendLeftover.readableBytes());
        received.addAndGet(clientPipelined.readableBytes());
        client.writeAndFlush(backendLeftover);
        backend.writeAndFlush(clientPipelined);

        ChannelPipeline backendPipeline = backend.pipeline();
        backendPipeline.remove(PipelineNames.BACKEND_LOGIN);
        if (backendPipeline.get(PipelineNames.IDLE) != null) {
            backendPipeline.remove(PipelineNames.IDLE);
        }
        ChannelPipeline clientPipeline = client.pipeline();
        if (clientPipeline.get(PipelineNames.IDLE) != null) {
            clientPipeline.remove(PipelineNames.IDLE);
        }
        // The client side has TCP_NODELAY from accept; the back-end side gets it now, so a relayed
        // command is never held back by Nagle behind an unacknowledged segment (issue 8: NOOP latency).
        backend.config().setOption(ChannelOption.TCP_NODELAY, true);
        // Splice when both sides are plain TCP on epoll (issue 8); TLS and -C -d need the bytes: copy.
        boolean splice = SpliceRelay.applies(client, backend, settings);
        SpliceIdleTimeout spliceIdle = null;
        if (settings.timeout > 0 && splice) {
            spliceIdle = new SpliceIdleTimeout(settings.timeout, client, backend);
        } else if (settings.timeout > 0) {
            // ALL_IDLE on the client channel: every relayed byte is a read or a write there, so
            // this fires only when neither side has said anything for -t seconds (spec §7.5).
            addNextToSocket(clientPipeline, PipelineNames.TIMEOUT, new IdleRelayTimeout(settings.timeout, backend));
        }
        if (settings.connectionLogging && settings.debug) {
            clientPipeline.addBefore(PipelineNames.SESSION, PipelineNames.TRAFFIC_LOG, new TrafficLogHandler("CLIENT"));
            addNextToSocket(backendPipeline, PipelineNames.TRAFFIC_LOG, new TrafficLogHandler("REAL"));
        }
        clientPipeline.remove(PipelineNames.SESSION);
        if (splice) {
            SpliceRelay.start(client, backend, received, sent, spliceIdle);
            if (spliceIdle != null) {
                spliceIdle.start();
            }
        } else {
            clientPipeline.addLast(PipelineNames.RELAY, new RelayHandler(backend, received));
            backendPipeline.addLast(PipelineNames.RELAY, new RelayHandler(client, sent));
        }

        ScheduledFuture<?> relog = scheduleRelog(client, settings);
        client.closeFuture().addListener(f -> {
            if (relog != null) {
                relog.cancel(false);
            }
            sessionLog.closing(authLine.authorisationId(), authLine.authenticationId(), received.get(), sent.get());
        });
        if (!backend.isActive()) {
            RelayHandler.closeOnFlush(client);
        }
    }

    /** First in the pipeline, but after TLS when there is TLS: traffic logs show clear text, not records. */
    private static void addNextToSocket(ChannelPipeline pipeline, String name, ChannelHandler handler) {
        if (pipeline.get(PipelineNames.TLS) != null) {
            pipeline.addAfter(PipelineNames.TLS, name, handler);
        } else {
            pipeline.addFirst(name, handler);
        }
    }

    /** POP/IMAP-before-SMTP setups watch the Auth line; perdition repeats it while piping (spec §6.3). */
    private ScheduledFuture<?> scheduleRelog(Channel client, Settings settings) {
        if (settings.connectRelog <= 0) {
            return null;
        }
        return client.eventLoop().scheduleAtFixedRate(() -> sessionLog.auth(authLine),
                settings.connectRelog, settings.connectRelog, TimeUnit.SECONDS);
    }
}
