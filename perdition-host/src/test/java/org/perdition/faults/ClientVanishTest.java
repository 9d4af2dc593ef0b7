package org.perdition.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
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
 * POP3 session. Each time the proxy frees the session (the -L count falls back to zero), closes any
 * back-end connection it made, logs no exception, leaks no buffer, and goes on serving.
 */
class ClientVanishTest extends AbuseSuite {

    private void assertCleanAndStillServing() throws Exception {
        assertThat(proxy.awaitNoSessions()).as("client session freed").isTrue();
        RawClient next = proxy.client();
        assertThat(next.read()).startsWith("+OK POP3");
    }

    private static void vanish(RawClient c) throws Exception {
        c.socket().setSoLinger(true, 0);
        c.close();
    }

    @Test
    void beforeTheGreetingIsRead() throws Exception {
        proxy = ProxyHarness.start(Protocol.POP3, s -> { });
        for (int i = 0; i < 50; i++) {
            vanish(proxy.client());
        }
        assertCleanAndStillServing();
    }

    @Test
    void midCommand() throws Exception {
        proxy = ProxyHarness.start(Protocol.POP3, s -> { });
        RawClient c = proxy.client();
        c.read();
        c.send("USER bo");
        vanish(c);
        assertCleanAndStillServing();
    }

    @Test
    void duringTheLookup() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(ScriptedBackend.pop3Accepting("pw"));
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
        proxy = ProxyHarness.start(Protocol.POP3, s -> { }, slow);
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        c.read();
        c.ask("USER bob");
        c.send("PASS pw\r\n");
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

    @Test
    void duringTheBackendLogin() throws Exception {
        CountDownLatch userSeen = new CountDownLatch(1);
        CountDownLatch clientGone = new CountDownLatch(1);
        ScriptedBackend backend = new ScriptedBackend(conversation -> {
            conversation.send("+OK fake POP3 ready\r\n");
            conversation.read();
            userSeen.countDown();
            clientGone.await(10, TimeUnit.SECONDS);
            conversation.send("+OK\r\n");
            conversation.drain();
        });
        proxy = ProxyHarness.start(Protocol.POP3, s -> s.outgoingServers.add(backend.address()));
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        c.read();
        c.ask("USER bob");
        c.send("PASS pw\r\n");
        assertThat(userSeen.await(10, TimeUnit.SECONDS)).isTrue();
        vanish(c);
        assertThat(proxy.awaitNoSessions()).isTrue();
        clientGone.countDown();
        // Before the fix the back-end login went on (PASS sent, reply awaited) until --authenticate_timeout.
        assertThat(backend.awaitAllClosed()).as("back-end connection closed").isTrue();
        assertThat(proxy.log().await("status=\"failed")).isTrue();
        assertThat(proxy.log().countContaining("Auth: ")).isEqualTo(1);
        assertCleanAndStillServing();
    }

    @Test
    void midRelay() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(ScriptedBackend.pop3Accepting("pw"));
        proxy = ProxyHarness.start(Protocol.POP3, s -> s.outgoingServers.add(backend.address()));
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        c.read();
        c.ask("USER bob");
        assertThat(c.ask("PASS pw")).isEqualTo("+OK You are so in");
        assertThat(c.ask("STAT")).isEqualTo("+OK echo STAT");
        vanish(c);
        assertThat(backend.awaitAllClosed()).as("back-end connection closed").isTrue();
        assertThat(proxy.log().await("Closing session:")).isTrue();
        assertThat(proxy.log().countContaining("Closing session:")).isEqualTo(1);
        assertCleanAndStillServing();
    }
}
