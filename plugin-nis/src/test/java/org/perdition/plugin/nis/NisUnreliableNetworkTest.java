package org.perdition.plugin.nis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;

/**
 * The UDP client's retransmission (RFC 5531 §9: same xid) against a real ypserv behind a lossy
 * relay that drops the first calls, and against a ypserv frozen with SIGSTOP, which queues every
 * call and answers none.
 */
class NisUnreliableNetworkTest {

    private static PrivateYpServer ypserv;
    private LossyRelay relay;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startYpserv() throws Exception {
        ypserv = PrivateYpServer.start(Map.of("alice", "imap1.example.org"));
    }

    @AfterAll
    static void stopYpserv() {
        if (ypserv != null) {
            ypserv.close();
        }
    }

    @AfterEach
    void closeRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    private NisLookup lookup(int port, String tuning) throws LookupException {
        NisLookup lookup = new NisLookup(tmp.resolve("binding"), tmp.resolve("domainname"));
        lookup.init(new PluginContext(Optional.of("user_mail_server@" + PrivateYpServer.DOMAIN + "@127.0.0.1:"
                + port + "," + tuning), "@", "IMAP4"));
        return lookup;
    }

    @Test
    void aLostCallIsSentAgainWithinTheTimeout() throws Exception {
        relay = new LossyRelay(ypserv.port(), 2);
        NisLookup nis = lookup(relay.port(), "timeout=6,attempts=3");
        assertThat(nis.lookup(LookupRequest.of("alice"))).isEqualTo(LookupResult.found("imap1.example.org"));
        assertThat(relay.received()).as("two calls lost, the third answered").isEqualTo(3);
    }

    @Test
    void withOneAttemptALostCallIsAnAccessError() throws Exception {
        relay = new LossyRelay(ypserv.port(), 1);
        NisLookup nis = lookup(relay.port(), "timeout=1,attempts=1");
        assertThatThrownBy(() -> nis.lookup(LookupRequest.of("alice")))
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS))
                .hasMessageContaining("(1 attempts)");
        assertThat(relay.received()).isEqualTo(1);
    }

    @Test
    void aFrozenServerUsesEveryAttemptThenRecovers() throws Exception {
        relay = new LossyRelay(ypserv.port(), 0);
        NisLookup nis = lookup(relay.port(), "timeout=1.5,attempts=3");
        ypserv.signal("STOP");
        try {
            assertThatThrownBy(() -> nis.lookup(LookupRequest.of("alice")))
                    .isInstanceOfSatisfying(LookupException.class,
                            e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS))
                    .hasMessageContaining("no reply")
                    .hasMessageContaining("(3 attempts)");
            assertThat(relay.received()).as("the call and two retransmissions").isEqualTo(3);
        } finally {
            ypserv.signal("CONT");
        }
        assertThat(nis.lookup(LookupRequest.of("alice"))).isEqualTo(LookupResult.found("imap1.example.org"));
    }

    /**
     * Drops the first {@code drop} datagrams from the client and relays the others; every reply goes
     * back to the client, late ones (to calls ypserv queued while frozen) included, which the client
     * must tell from the answer to its own call by the xid.
     */
    private static final class LossyRelay implements AutoCloseable {

        private final DatagramSocket front;
        private final DatagramSocket back;
        private final AtomicInteger received = new AtomicInteger();
        private volatile java.net.SocketAddress client;

        LossyRelay(int serverPort, int drop) throws IOException {
            front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            back = new DatagramSocket();
            back.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort));
            start("lossy-relay-calls", () -> {
                DatagramPacket call = new DatagramPacket(new byte[65536], 65536);
                front.receive(call);
                client = call.getSocketAddress();
                if (received.incrementAndGet() > drop) {
                    back.send(new DatagramPacket(call.getData(), call.getLength()));
                }
            });
            start("lossy-relay-replies", () -> {
                DatagramPacket reply = new DatagramPacket(new byte[65536], 65536);
                back.receive(reply);
                front.send(new DatagramPacket(reply.getData(), reply.getLength(), client));
            });
        }

        private interface Step {
            void run() throws IOException;
        }

        private void start(String name, Step step) {
            Thread thread = new Thread(() -> {
                try {
                    while (!front.isClosed()) {
                        step.run();
                    }
                } catch (SocketException closed) {
                    // close() ends the relay
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return front.getLocalPort();
        }

        int received() {
            return received.get();
        }

        @Override
        public void close() {
            front.close();
            back.close();
        }
    }
}
