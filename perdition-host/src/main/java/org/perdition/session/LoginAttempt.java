package org.perdition.session;

import org.perdition.net.SpliceAccounting;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.perdition.auth.LocalAuthentication;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.log.Log;
import org.perdition.lookup.BackendAddress;
import org.perdition.lookup.Resolution;
import org.perdition.net.PipelineNames;
import org.perdition.net.tls.TlsContexts;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.FrontendSession;

/**
 * One login: popmap lookup, local authentication (-a) and DNS off the event loop, then connect
 * (trying every address of the host, unlike perdition's bug B25) and the protocol's back-end
 * login, on the client's event loop. Reports once to its {@link Outcome}.
 */
final class LoginAttempt {

    /** Connecting has no timeout in perdition (B25); a dead host must not hold a session forever. */
    private static final int MAX_CONNECT_SECONDS = 30;

    interface Outcome {
        void loggedIn(Resolution resolution, Channel backend, String finalLine, ByteBuf leftover, Security server);

        void failed(Resolution resolution, FailureReason reason, String finalLine, Security server);
    }

    private final SessionServices services;
    private final EventLoop loop;
    private final FrontendSession frontend;
    private final Credentials credentials;
    private final Outcome outcome;
    /** The client went away: connect no more, and drop the back-end connection under way. */
    private boolean abandoned;
    private Channel backend;

    LoginAttempt(SessionServices services, EventLoop loop, FrontendSession frontend, Credentials credentials,
                 Outcome outcome) {
        this.services = services;
        this.loop = loop;
        this.frontend = frontend;
        this.credentials = credentials;
        this.outcome = outcome;
    }

    void start(InetSocketAddress client, InetSocketAddress local) {
        services.resolver().resolveAsync(credentials, client, local)
                .whenComplete((resolution, error) -> loop.execute(() -> {
                    if (error != null) {
                        // The lookup pool is full or broke: a typed failure, not a hang.
                        Log.err("Server lookup failed: " + error);
                        outcome.failed(new Resolution(null, credentials.loginId(), credentials.user()),
                                FailureReason.COULD_NOT_DETERMINE_SERVER, null, Security.PLAINTEXT);
                    } else {
                        resolved(resolution, client);
                    }
                }));
    }

    /** spec §3.3 steps 8 and 9: no server is a failure; with -a, PAM comes before any connection. */
    private void resolved(Resolution resolution, InetSocketAddress client) {
        if (!resolution.found()) {
            outcome.failed(resolution, FailureReason.COULD_NOT_DETERMINE_SERVER, null, Security.PLAINTEXT);
            return;
        }
        LocalAuthentication localAuth = services.localAuth();
        if (localAuth == null) {
            lookUpAddresses(resolution);
            return;
        }
        String remoteHost = client.getAddress() != null ? client.getAddress().getHostAddress() : null;
        localAuth.check(resolution.localAuthUser(), credentials.password(), remoteHost)
                .thenAccept(result -> loop.execute(() -> {
                    if (result.isAccepted()) {
                        lookUpAddresses(resolution);
                    } else {
                        // The back-end is never contacted (spec §3.3 step 9).
                        outcome.failed(resolution, FailureReason.LOCAL_AUTHENTICATION, null, Security.PLAINTEXT);
                    }
                }));
    }

    /**
     * DNS blocks: the back-end host's addresses are looked up on the blocking pool, unless
     * --client_server_allow already checked them (then those, and only those: DNS rebinding).
     */
    private void lookUpAddresses(Resolution resolution) {
        List<InetAddress> checked = resolution.server().checkedAddresses();
        if (!checked.isEmpty()) {
            connectNext(resolution, checked.iterator());
            return;
        }
        // An IP literal (the usual -s and popmap value) needs no DNS: no hop to the blocking pool (issue 8).
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(resolution.server().host());
        if (literal != null) {
            connectNext(resolution, List.of(literal).iterator());
            return;
        }
        CompletableFuture<InetAddress[]> addresses;
        try {
            addresses = CompletableFuture.supplyAsync(() -> addressesOf(resolution), services.blockingExecutor());
        } catch (RejectedExecutionException e) {
            addresses = CompletableFuture.failedFuture(e);
        }
        addresses.whenComplete((found, error) -> loop.execute(() -> {
            if (error != null) {
                // The DNS pool is full or broke: a typed failure, not a hang.
                Log.err("Server lookup failed: " + error);
                outcome.failed(resolution, FailureReason.COULD_NOT_DETERMINE_SERVER, null, Security.PLAINTEXT);
            } else {
                connectNext(resolution, Arrays.asList(found).iterator());
            }
        }));
    }

    /** The host's addresses, none when it does not resolve. Blocks: runs on the blocking pool. */
    private static InetAddress[] addressesOf(Resolution resolution) {
        try {
            return InetAddress.getAllByName(resolution.server().host());
        } catch (UnknownHostException e) {
            Log.err("Could not resolve back-end host " + Log.sanitize(resolution.server().host()));
            return new InetAddress[0];
        }
    }

    /**
     * The client vanished before the login ended (issue 9, faults): close the back-end connection
     * now rather than finish a login nobody will use, which would hold the back-end connection (and
     * a back-end login slot) until --authenticate_timeout. Runs on the event loop.
     */
    void abandon() {
        abandoned = true;
        if (backend != null) {
            backend.close();
        }
    }

    private void connectNext(Resolution resolution, Iterator<InetAddress> addresses) {
        if (abandoned || !addresses.hasNext()) {
            outcome.failed(resolution, FailureReason.COULD_NOT_CONNECT, null, Security.PLAINTEXT);
            return;
        }
        BackendAddress server = resolution.server();
        InetSocketAddress target = new InetSocketAddress(addresses.next(), server.port());
        ChannelFuture connected = bootstrap(resolution).connect(target);
        backend = connected.channel();
        connected.addListener(future -> {
            if (!future.isSuccess()) {
                Log.info("Could not connect to " + target + ": " + future.cause().getMessage());
                connectNext(resolution, addresses);
            }
        });
    }

    private Bootstrap bootstrap(Resolution resolution) {
        Settings settings = services.settings();
        int connectSeconds = settings.authenticateTimeout > 0
                ? Math.min(settings.authenticateTimeout, MAX_CONNECT_SECONDS) : MAX_CONNECT_SECONDS;
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(services.transport().clientChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, SpliceAccounting.INSTANCE)   // splice relay's byte counts
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectSeconds * 1000);
        if (settings.tcpKeepalive) {
            // off on a new socket: set only to turn it on (one setsockopt(2) less per login, issue 8)
            bootstrap.option(ChannelOption.SO_KEEPALIVE, true);
        }
        return bootstrap
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        boolean implicitTls = settings.sslMode.contains(SslMode.SSL_OUTGOING);
                        if (implicitTls) {
                            // spec §3.3 step 12: TLS from the first byte, verified against the map's host name.
                            ch.pipeline().addLast(PipelineNames.TLS, tlsHandlers(resolution).apply(ch.alloc()));
                        }
                        if (settings.authenticateTimeout > 0) {
                            ch.pipeline().addLast(PipelineNames.IDLE,
                                    new IdleStateHandler(settings.authenticateTimeout, 0, 0, TimeUnit.SECONDS));
                        }
                        ch.pipeline().addLast(PipelineNames.BACKEND_LOGIN, new BackendLoginHandler(
                                frontend.newBackendLogin(credentials, resolution.remoteUser()),
                                new BackendLoginHandler.Listener() {
                                    @Override
                                    public void succeeded(String finalLine, ByteBuf leftover, Security security) {
                                        outcome.loggedIn(resolution, ch, finalLine, leftover, security);
                                    }

                                    @Override
                                    public void failed(FailureReason reason, String finalLine, Security security) {
                                        outcome.failed(resolution, reason, finalLine, security);
                                    }
                                }, tlsHandlers(resolution), implicitTls));
                    }
                });
    }

    /**
     * Client-side TLS handlers for this back-end, named as the popmap or -s wrote the host (not the
     * resolved address) for SNI and the certificate check; null when ssl_mode has no outgoing TLS.
     */
    private Function<ByteBufAllocator, SslHandler> tlsHandlers(Resolution resolution) {
        TlsContexts tls = services.tls();
        if (tls == null) {
            return null;
        }
        BackendAddress server = resolution.server();
        return alloc -> tls.newClientHandler(alloc, server.host(), server.port());
    }
}
