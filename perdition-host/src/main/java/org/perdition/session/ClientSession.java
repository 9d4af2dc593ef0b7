package org.perdition.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.perdition.config.Settings;
import org.perdition.log.Log;
import org.perdition.log.SessionLog;
import org.perdition.log.SessionLog.AuthAttempt;
import org.perdition.lookup.Resolution;
import org.perdition.net.ConnectionLimiter;
import org.perdition.net.ProxyProtocolHandler;
import org.perdition.protocol.ClientEvent;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.FrontendSession;
import org.perdition.protocol.LineReader;
import org.perdition.protocol.SessionContext;

/**
 * A client connection from accept to hand-off: greeting, commands, login attempts and their
 * failures (spec §3.3). Auto-read is off; the session asks for bytes only while it is ready to
 * decode them, so a slow lookup or a failure delay never piles up input. Everything runs on the
 * channel's event loop; blocking work goes to {@link SessionServices#blockingExecutor()}.
 */
public final class ClientSession extends ChannelInboundHandlerAdapter implements LoginAttempt.Outcome {

    /** Where the session is; only READING decodes input. */
    enum State { GREETING, READING, WAITING, RELAYING, CLOSED }

    private final SessionServices services;
    private final Settings settings;
    private final ByteBuf pending = Unpooled.buffer();
    private ChannelHandlerContext ctx;
    private FrontendSession frontend;
    private SessionLog sessionLog;
    private State state = State.GREETING;
    private Credentials loginCredentials;
    private ClientTlsSwitch tls;
    /** The greeting's suffix once known; with ssl_listen the greeting also waits for the handshake. */
    private String greetingSuffix;
    /** Pre-login, the authenticate timeout runs from the last complete command (slowloris, issue 9). */
    private CommandDeadline deadline;
    /** The login under way, if any: abandoned when the client goes away. */
    private LoginAttempt attempt;

    public ClientSession(SessionServices services) {
        this.services = services;
        this.settings = services.settings();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.tls = new ClientTlsSwitch(services.tls(), settings);
        InetSocketAddress local = localAddress();
        sessionLog = new SessionLog(settings, remoteAddress(), local);
        if (!services.limiter().tryAcquire()) {
            refuseOverLimit(local);
            return;
        }
        // Captures the limiter, not this session: the close listener lives as long as the connection,
        // and must not keep the login-phase graph (frontend, line buffer) of a relayed session (issue 8).
        ConnectionLimiter limiter = services.limiter();
        ctx.channel().closeFuture().addListener(f -> limiter.release());
        sessionLog.connect();
        if (tls.handshaking()) {
            ctx.read();   // ssl_listen: the TLS handler reads on by itself until the handshake ends
        }
        String suffix = services.greeting().cachedSuffixFor(local);
        if (suffix != null) {
            greet(suffix);
        } else {
            CompletableFuture.supplyAsync(() -> services.greeting().suffixFor(local), services.blockingExecutor())
                    .whenComplete((s, error) -> ctx.executor().execute(() -> greet(s != null ? s : "localhost")));
        }
    }

    private void refuseOverLimit(InetSocketAddress local) {
        Log.info("Connection limit of " + settings.connectionLimit + " reached, refusing" + sessionLog.fromTo());
        state = State.CLOSED;
        String suffix = services.greeting().cachedSuffixFor(local);
        FrontendSession refusing = services.protocol().newSession(context(suffix != null ? suffix : "localhost"));
        writeAndClose(refusing.connectionLimitReached());
        if (settings.sslListen()) {
            ctx.read();   // the refusal goes out once the TLS handshake is done
        }
    }

    private void greet(String suffix) {
        greetingSuffix = suffix;
        if (!ctx.channel().isActive() || tls.handshaking() || state != State.GREETING) {
            return;   // with ssl_listen, greeted after the handshake (spec §3.3)
        }
        frontend = services.protocol().newSession(context(suffix));
        write(frontend.greeting());
        ctx.flush();
        state = State.READING;
        deadline = new CommandDeadline(ctx, settings.authenticateTimeout, () -> state == State.READING,
                this::authenticationTimedOut);
        deadline.start();
        decodeAvailable();
    }

    private SessionContext context(String suffix) {
        return new SessionContext(settings, suffix, settings.sslListen());
    }

    /** A client handshake ended: ssl_listen greets now, STARTTLS goes on reading (spec §3.3 step 1). */
    private void tlsHandshakeDone(SslHandshakeCompletionEvent handshake) {
        if (state == State.CLOSED) {
            return;
        }
        if (!handshake.isSuccess()) {
            // Fatal, as in perdition; the TLS handler has sent its alert.
            Log.info("TLS handshake with client failed" + sessionLog.fromTo() + ": " + handshake.cause().getMessage());
            state = State.CLOSED;
            ctx.close();
            return;
        }
        if (tls.handshakeSucceeded()) {
            frontend.clientTlsStarted();
            state = State.READING;
            deadline.commandSeen();
            decodeAvailable();
        } else if (greetingSuffix != null) {
            greet(greetingSuffix);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            pending.writeBytes(in);
        } finally {
            in.release();
        }
        if (state == State.READING) {
            decodeAvailable();
        }
    }

    /** Decodes and acts on commands until one needs to wait, then asks for more input if idle. */
    private void decodeAvailable() {
        while (state == State.READING) {
            ClientEvent event = frontend.decode(pending);
            if (event == null) {
                ctx.flush();
                pending.discardSomeReadBytes();
                ctx.read();
                return;
            }
            deadline.commandSeen();
            act(event);
            if (!ctx.channel().isWritable()) {
                // A client that pipelines commands but does not read the replies: stop decoding
                // until the replies drain, so the outbound buffer stays bounded.
                ctx.flush();
                return;
            }
        }
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && state == State.READING) {
            decodeAvailable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void act(ClientEvent event) {
        if (event instanceof ClientEvent.Reply reply) {
            write(reply.text());
        } else if (event instanceof ClientEvent.DelayedReply delayed) {
            afterFailureDelay(() -> write(delayed.text()));
        } else if (event instanceof ClientEvent.Close close) {
            sessionLog.closingNull();
            writeAndClose(close.text());
        } else if (event instanceof ClientEvent.StartTls start) {
            state = State.WAITING;
            tls.start(ctx, start.text(), pending, sessionLog.fromTo());
        } else if (event instanceof ClientEvent.Login login) {
            state = State.WAITING;
            loginCredentials = login.credentials();
            if (settings.loginDisabled || tls.refusesLogin()) {
                // spec §3.3 step 2: --login_disabled refuses every login (after STARTTLS too), and
                // tls_listen_force refuses it before STARTTLS; no lookup, no back-end is contacted.
                // perdition enforced --login_disabled only when built with SSL; we always do.
                failed(null, FailureReason.LOGIN_DISABLED, null, Security.PLAINTEXT);
                return;
            }
            if (services.failedLogins().refuses(clientAddress())) {
                // --auth_failure_limit (ours, issue 9): no lookup, no back-end, the usual failure delay.
                failed(null, FailureReason.TOO_MANY_FAILURES, null, Security.PLAINTEXT);
                return;
            }
            attempt = new LoginAttempt(services, ctx.channel().eventLoop(), frontend, loginCredentials, this);
            attempt.start(remoteAddress(), localAddress());
        }
    }

    /** Waits the failure delay without blocking the loop, writes, then goes on decoding. */
    private void afterFailureDelay(Runnable reply) {
        state = State.WAITING;
        ctx.executor().schedule(() -> {
            if (state == State.CLOSED) {
                return;
            }
            reply.run();
            state = State.READING;
            deadline.commandSeen();
            decodeAvailable();
        }, settings.failureDelayMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void failed(Resolution resolution, FailureReason reason, String finalLine, Security server) {
        attempt = null;
        services.failedLogins().failed(clientAddress(), reason);
        Credentials credentials = loginCredentials;
        sessionLog.auth(AuthLines.attempt(credentials, resolution, settings, tls.security(), server,
                "failed: " + reason.text()));
        if (!ctx.channel().isActive()) {
            return;
        }
        String reply = settings.serverRespLine && finalLine != null
                ? frontend.relayedBackendReply(credentials, finalLine)
                : frontend.loginFailed(credentials, reason);
        // spec §3.3.2: after the delay the client may simply try again on this connection.
        afterFailureDelay(() -> write(reply));
    }

    @Override
    public void loggedIn(Resolution resolution, Channel backend, String finalLine, ByteBuf leftover,
                         Security server) {
        attempt = null;
        if (!ctx.channel().isActive()) {
            leftover.release();
            backend.close();
            return;
        }
        state = State.RELAYING;
        deadline.stop();
        AuthAttempt authLine = AuthLines.attempt(loginCredentials, resolution, settings, tls.security(), server, "ok");
        sessionLog.auth(authLine);
        String reply = settings.serverRespLine
                ? frontend.relayedBackendReply(loginCredentials, finalLine)
                : frontend.loginSucceeded(loginCredentials, settings.okLine);
        write(reply);
        ByteBuf pipelined = pending.readableBytes() > 0 ? pending.retainedSlice() : Unpooled.EMPTY_BUFFER;
        // The relay keeps its Auth line for hours (--connect_relog, the closing line): with the password
        // only when that line shows it; the credentials go too (issue 9: kept no longer than the login needs).
        SessionLog.AuthAttempt relayLine = settings.debug && settings.logPasswd.logs(true)
                ? authLine : authLine.withoutPassword();
        loginCredentials = null;
        new RelayHandoff(services, sessionLog, relayLine).start(ctx, backend, leftover, pipelined);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            tlsHandshakeDone(handshake);
        } else if (evt instanceof IdleStateEvent && state == State.READING) {
            authenticationTimedOut();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    /** --authenticate_timeout expired while reading a command: a silent close, as perdition's child exit. */
    private void authenticationTimedOut() {
        Log.err("Fatal Error: Timeout reading authentication information from client" + sessionLog.fromTo()
                + ": Exiting child");
        state = State.CLOSED;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.stop();
        }
        if (state != State.RELAYING) {
            state = State.CLOSED;
            if (attempt != null) {
                attempt.abandon();
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and other I/O errors from a client end its session; no stack trace for hostile input.
        Log.debug("Client connection error" + (sessionLog != null ? sessionLog.fromTo() : "") + ": " + cause);
        state = State.CLOSED;
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        pending.release();
    }

    private void write(String text) {
        if (!text.isEmpty()) {
            ctx.write(Unpooled.wrappedBuffer(LineReader.bytes(text)));
        }
    }

    private void writeAndClose(String text) {
        state = State.CLOSED;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(LineReader.bytes(text))).addListener(ChannelFutureListener.CLOSE);
    }

    private InetSocketAddress remoteAddress() {
        return ProxyProtocolHandler.clientAddress(ctx.channel());   // the PROXY header's source, if any
    }

    private java.net.InetAddress clientAddress() {
        InetSocketAddress remote = remoteAddress();
        return remote == null ? null : remote.getAddress();
    }

    private InetSocketAddress localAddress() {
        return (InetSocketAddress) ctx.channel().localAddress();
    }
}
