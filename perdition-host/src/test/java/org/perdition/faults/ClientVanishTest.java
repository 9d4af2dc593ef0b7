package org.perdition.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.perdition.abuse.AbuseSuite;
import org.perdition.abuse.ProxyHarness;
import org.perdition.abuse.RawClient;
import org.perdition.abuse.ScriptedBackend;
import org.perdition.config.Protocol;
import org.perdition.lookup.BackendAddress;
import org.perdition.lookup.Resolution;
import org.perdition.lookup.ServerResolver;
import org.perdition.protocol.Credentials;

/**
 * Faults (issue 9): the client vanishes (an RST, as a crashed or killed client) at every stage of a
 * POP3, IMAP or ManageSieve session (the back-end connect stage: POP3 only, it is protocol-free). Each time the proxy frees the session (the -L count falls back to zero), closes any
 * back-end connection it made, logs no exception, leaks no buffer, and goes on serving.
 */
class ClientVanishTest extends AbuseSuite {

    private void assertCleanAndStillServing() throws Exception {
        assertThat(proxy.awaitNoSessions()).as("client session freed").isTrue();
        RawClient next = proxy.client();
        assertThat(next.read()).matches("\\+OK POP3 .*|\\* OK .*|\"IMPLEMENTATION\" .*");
    }

    private static void vanish(RawClient c) throws Exception {
        c.socket().setSoLinger(true, 0);
        c.close();
    }

    @ParameterizedTest
    @EnumSource(BackendFaultTest.Proto.class)
    void beforeTheGreetingIsRead(BackendFaultTest.Proto proto) throws Exception {
        proxy = ProxyHarness.start(proto.protocol, s -> { });
        for (int i = 0; i < 50; i++) {
            vanish(proxy.client());
        }
        assertCleanAndStillServing();
    }

    @ParameterizedTest
    @EnumSource(BackendFaultTest.Proto.class)
    void midCommand(BackendFaultTest.Proto proto) throws Exception {
        proxy = ProxyHarness.start(proto.protocol, s -> { });
        RawClient c = proxy.client();
        proto.readGreeting(c);
        c.send(switch (proto) {
            case POP3 -> "USER bo";
            case IMAP -> "a1 LOGIN bo";
            case MANAGESIEVE -> "AUTHENTICATE \"PL";
        });
        vanish(c);
        assertCleanAndStillServing();
    }

    @ParameterizedTest
    @EnumSource(BackendFaultTest.Proto.class)
    void duringTheLookup(BackendFaultTest.Proto proto) throws Exception {
        ScriptedBackend backend = new ScriptedBackend(proto.accepting("pw"));
        CompletableFuture<Resolution> lookup = new CompletableFuture<>();
        CountDownLatch asked = new CountDownLatch(1);
        ServerResolver slow = new ServerResolver() {
            @Override
            public Resolution resolve(Credentials credentials, InetSocketAddress client, InetSocketAddress local) {
                throw new UnsupportedOperationException("the proxy asks asynchronously");
            }

            @Override
            public CompletableFuture<Resolution> resolveAsync(Credentials credentials, InetSocketAddress client,
                                                              InetSocketAddress local) {
                asked.countDown();
                return lookup;
            }
        };
        proxy = ProxyHarness.start(proto.protocol, s -> { }, slow);
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        proto.readGreeting(c);
        proto.sendLogin(c, "pw");
        assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
        vanish(c);
        assertThat(proxy.awaitNoSessions()).isTrue();
        // The lookup answers after the client has gone.
        lookup.complete(new Resolution(new BackendAddress("127.0.0.1", backend.port()), "bob", null));
        assertThat(backend.awaitAllClosed()).isTrue();
        assertThat(proxy.log().countContaining("status=\"ok\"")).isZero();
        assertCleanAndStillServing();
    }

    @Test
    void duringTheBackendConnect() throws Exception {
        // A back-end whose accept queue is full: the kernel drops the proxy's SYN, the connect hangs.
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.util.List<java.net.Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    java.net.Socket filler = new java.net.Socket();
                    try {
                        filler.connect(full.getLocalSocketAddress(), 300);
                        fillers.add(filler);
                    } catch (java.io.IOException queueFull) {
                        filler.close();
                        break;
                    }
                }
                int port = full.getLocalPort();
                proxy = ProxyHarness.start(Protocol.POP3, s -> {
                    s.outgoingServers.add("127.0.0.1:" + port);
                    s.authenticateTimeout = 2;
                });
                RawClient c = proxy.client();
                c.read();
                c.ask("USER bob");
                c.send("PASS pw\r\n");
                assertThat(proxy.log().await("Connect:")).isTrue();
                vanish(c);
                assertThat(proxy.awaitNoSessions()).isTrue();
                // the pending connect ends by its bound (the authenticate timeout) and logs one failure
                assertThat(proxy.log().await("status=\"failed")).isTrue();
                assertThat(proxy.log().countContaining("Auth: ")).isEqualTo(1);
            } finally {
                for (java.net.Socket filler : fillers) {
                    filler.close();
                }
            }
        }
        assertCleanAndStillServing();
    }

    @ParameterizedTest
    @EnumSource(BackendFaultTest.Proto.class)
    void duringTheBackendLogin(BackendFaultTest.Proto proto) throws Exception {
        CountDownLatch loginSeen = new CountDownLatch(1);
        CountDownLatch clientGone = new CountDownLatch(1);
        ScriptedBackend backend = new ScriptedBackend(conversation -> {
            conversation.send(proto.greeting());
            conversation.read();
            loginSeen.countDown();
            clientGone.await(10, TimeUnit.SECONDS);
            conversation.send(switch (proto) {
                case POP3 -> "+OK\r\n";
                case IMAP -> "+ go on\r\n";
                case MANAGESIEVE -> "OK \"logged in\"\r\n";
            });
            conversation.drain();
        });
        proxy = ProxyHarness.start(proto.protocol, s -> s.outgoingServers.add(backend.address()));
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        proto.readGreeting(c);
        proto.sendLogin(c, "pw");
        assertThat(loginSeen.await(10, TimeUnit.SECONDS)).isTrue();
        vanish(c);
        assertThat(proxy.awaitNoSessions()).isTrue();
        clientGone.countDown();
        // Before the fix the back-end login went on (reply awaited) until --authenticate_timeout.
        assertThat(backend.awaitAllClosed()).as("back-end connection closed").isTrue();
        assertThat(proxy.log().await("status=\"failed")).isTrue();
        assertThat(proxy.log().countContaining("Auth: ")).isEqualTo(1);
        assertCleanAndStillServing();
    }

    @ParameterizedTest
    @EnumSource(BackendFaultTest.Proto.class)
    void midRelay(BackendFaultTest.Proto proto) throws Exception {
        ScriptedBackend backend = new ScriptedBackend(proto.accepting("pw"));
        proxy = ProxyHarness.start(proto.protocol, s -> s.outgoingServers.add(backend.address()));
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        proto.readGreeting(c);
        assertThat(proto.login(c, "pw")).contains("OK");
        assertThat(c.ask(proto.relayed())).contains("echo");
        vanish(c);
        assertThat(backend.awaitAllClosed()).as("back-end connection closed").isTrue();
        assertThat(proxy.log().await("Closing session:")).isTrue();
        assertThat(proxy.log().countContaining("Closing session:")).isEqualTo(1);
        assertCleanAndStillServing();
    }
}
