package org.perdition.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.EmptyByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.log.LogSetup;
import org.perdition.lookup.PopmapResolver;
import org.perdition.net.ClientPipelines;
import org.perdition.net.ConnectionLimiter;
import org.perdition.net.PipelineNames;
import org.perdition.net.Transport;
import org.perdition.protocol.BackendLogin;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.FrontendSession;
import org.perdition.protocol.ProtocolModules;

/**
 * What an idle relayed session still holds (issue 8: memory per idle session). After the hand-off
 * a session is two channels, their relay handlers, the -t timer and what the closing log line
 * needs; the login phase (session handler, protocol state, line buffer, credentials, idle handlers)
 * must be unreachable, and no ByteBuf may be held while nothing is in flight. Checked on the proxy's
 * real pipeline, by following references from the client channel, not by measuring memory.
 */
class IdleRelayedSessionTest {

    @TempDir
    Path dir;

    private EventLoopGroup group;
    private ExecutorService blocking;
    private FakeBackend backend;
    private PopClient client;

    @AfterEach
    void close() throws Exception {
        if (client != null) {
            client.close();
        }
        if (backend != null) {
            backend.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (blocking != null) {
            blocking.shutdownNow();
        }
    }

    @Test
    void anIdleRelayedSessionHoldsNoLoginStateAndNoBuffer() throws Exception {
        Channel session = relayedSession(s -> { });
        assertThat(onLoop(session, () -> session.pipeline().toMap().keySet()))
                .containsExactly(PipelineNames.TIMEOUT, PipelineNames.RELAY);
        List<Object> held = onLoop(session, () -> ReachableObjects.from(session));
        List<Object> channels = held.stream().filter(o -> o instanceof Channel).toList();
        assertThat(channels).as("the walk reaches the client channel and the back-end one").hasSize(2);
        Channel peer = (Channel) channels.get(channels.get(0) == session ? 1 : 0);
        assertThat(onLoop(peer, () -> peer.pipeline().toMap().keySet())).containsExactly(PipelineNames.RELAY);
        assertThat(held).filteredOn(o -> o instanceof ByteBuf && !(o instanceof EmptyByteBuf))
                .as("buffers held by an idle relayed session").isEmpty();
        assertThat(held).filteredOn(IdleRelayedSessionTest::loginPhase)
                .as("login-phase objects still reachable after the hand-off").isEmpty();
    }

    @Test
    void withoutTimeoutsTheRelayIsTheWholePipeline() throws Exception {
        Channel session = relayedSession(s -> {
            s.timeout = 0;
            s.connectRelog = 0;
        });
        assertThat(onLoop(session, () -> session.pipeline().toMap().keySet())).containsExactly(PipelineNames.RELAY);
        List<Object> held = onLoop(session, () -> ReachableObjects.from(session));
        assertThat(held).filteredOn(o -> o instanceof ByteBuf && !(o instanceof EmptyByteBuf)).isEmpty();
        assertThat(held).filteredOn(IdleRelayedSessionTest::loginPhase).isEmpty();
    }

    private static boolean loginPhase(Object o) {
        return o instanceof ClientSession || o instanceof FrontendSession || o instanceof BackendLogin
                || o instanceof BackendLoginHandler || o instanceof LoginAttempt || o instanceof CommandDeadline
                || o instanceof Credentials || o instanceof ClientTlsSwitch || o instanceof IdleStateHandler;
    }

    /** A POP3 session through the proxy's real client pipeline, logged in, one command relayed, then idle. */
    private Channel relayedSession(Consumer<Settings> options) throws Exception {
        backend = new FakeBackend(FakeBackend.pop3Accepting("secret"));
        Settings settings = new Settings();
        settings.programName = "perdition.pop3";
        settings.protocol = Protocol.POP3;
        settings.mapLibrary = "";
        settings.failureDelayMillis = 0;
        settings.outgoingServers.add("127.0.0.1:" + backend.port());
        settings.logFacility = dir.resolve("perdition.log").toString();
        options.accept(settings);
        LogSetup.configure(settings);
        Transport transport = Transport.best();
        blocking = Executors.newFixedThreadPool(2);
        SessionServices services = new SessionServices(settings, ProtocolModules.forProtocol(Protocol.POP3),
                PopmapResolver.create(settings), new GreetingIdentity(settings), blocking, new ConnectionLimiter(0),
                transport, null);
        group = transport.newGroup(1, "relayed-session-test");
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        Channel listener = new ServerBootstrap().group(group).channel(transport.serverChannel())
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.complete(ch);
                        ch.pipeline().addLast(ClientPipelines.initializer(services));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        client = new PopClient((InetSocketAddress) listener.localAddress());
        assertThat(client.read()).startsWith("+OK");
        client.ask("USER bob");
        assertThat(client.ask("PASS secret")).isEqualTo("+OK You are so in");
        assertThat(client.ask("STAT")).isEqualTo("+OK echo STAT");
        return accepted.get(10, TimeUnit.SECONDS);
    }

    /** Reads the pipeline on the channel's own event loop, where it changes. */
    private static <T> T onLoop(Channel channel, java.util.concurrent.Callable<T> read) throws Exception {
        return channel.eventLoop().submit(read).get(10, TimeUnit.SECONDS);
    }
}
