package org.perdition.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.perdition.abuse.AbuseSuite;
import org.perdition.abuse.ProxyHarness;
import org.perdition.abuse.RawClient;
import org.perdition.abuse.ScriptedBackend;
import org.perdition.config.Protocol;
import org.perdition.config.SslMode;

/**
 * Faults (issue 9): POP3, IMAP and ManageSieve back-ends that refuse, stay silent, are slow, die, or fail TLS. Each ends with the
 * protocol's failure reply to the client, exactly one failed Auth line, no exception in the log, no
 * Netty leak report, and no back-end connection left open by the proxy.
 */
class BackendFaultTest extends AbuseSuite {

    /** The protocols with a scripted back-end. */
    enum Proto {
        POP3(Protocol.POP3), IMAP(Protocol.IMAP4), MANAGESIEVE(Protocol.MANAGESIEVE);

        public final Protocol protocol;

        Proto(Protocol protocol) {
            this.protocol = protocol;
        }

        ScriptedBackend.Script accepting(String password) {
            return switch (this) {
                case POP3 -> ScriptedBackend.pop3Accepting(password);
                case IMAP -> ScriptedBackend.imapAccepting(password);
                case MANAGESIEVE -> ScriptedBackend.sieveAccepting(password);
            };
        }

        String greeting() {
            return switch (this) {
                case POP3 -> "+OK fake POP3 ready\r\n";
                case IMAP -> "* OK [CAPABILITY IMAP4rev1 LITERAL+] fake\r\n";
                case MANAGESIEVE -> ScriptedBackend.SIEVE_GREETING;
            };
        }

        /** Reads the proxy's greeting (ManageSieve: its capability lines up to OK). */
        void readGreeting(RawClient c) throws Exception {
            String line = c.read();
            while (this == MANAGESIEVE && line != null && !line.startsWith("OK")) {
                line = c.read();
            }
        }

        /** Sends the login without reading its final reply (POP3: USER is answered first). */
        void sendLogin(RawClient c, String password) throws Exception {
            switch (this) {
                case POP3 -> {
                    c.ask("USER bob");
                    c.send("PASS " + password + "\r\n");
                }
                case IMAP -> c.send("a1 LOGIN bob " + password + "\r\n");
                case MANAGESIEVE -> c.send(org.perdition.abuse.Dialect.MANAGESIEVE.login("bob", password)[0] + "\r\n");
            }
        }

        /** Sends the login; returns the reply that ends it. */
        String login(RawClient c, String password) throws Exception {
            sendLogin(c, password);
            return c.read();
        }

        String failure(String reason) {
            return switch (this) {
                case POP3 -> "-ERR failed: " + reason;
                case IMAP -> "a1 NO failed: " + reason;
                case MANAGESIEVE -> "NO \"failed: " + reason + "\"";
            };
        }

        /** A command answered before login (the client may go on after a failed login). */
        String noop() {
            return this == IMAP ? "a9 NOOP" : "NOOP";
        }

        /** A command relayed after login, answered "... echo ..." by the accepting scripts. */
        String relayed() {
            return this == POP3 ? "STAT" : "a2 NOOP";
        }

        /** What the back-end answers to a successful login (after reading it). */
        void acceptLogin(ScriptedBackend.Conversation conversation, String firstLine) throws java.io.IOException {
            switch (this) {
                case POP3 -> {
                    conversation.send("+OK\r\n");
                    conversation.read();
                    conversation.send("+OK logged in\r\n");
                }
                case IMAP -> {
                    conversation.read();
                    conversation.read();
                    conversation.send(firstLine.split(" ", 2)[0] + " OK logged in\r\n");
                }
                case MANAGESIEVE -> conversation.send("OK \"logged in\"\r\n");
            }
        }
    }

    private RawClient connect(ScriptedBackend backend, Proto proto, int authenticateTimeout) throws Exception {
        proxy = ProxyHarness.start(proto.protocol, s -> {
            s.outgoingServers.add(backend.address());
            s.authenticateTimeout = authenticateTimeout;
        });
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        proto.readGreeting(c);
        return c;
    }

    private void assertOneFailedAuthLine(String reason) {
        assertThat(proxy.log().await("status=\"failed")).isTrue();
        assertThat(proxy.log().countContaining("Auth: ")).as(proxy.log().text()).isEqualTo(1);
        assertThat(proxy.log().countContaining("status=\"failed: " + reason + "\"")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Proto.class)
    void refusedConnection(Proto proto) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        proxy = ProxyHarness.start(proto.protocol, s -> s.outgoingServers.add("127.0.0.1:" + closedPort));
        RawClient c = proxy.client();
        proto.readGreeting(c);
        assertThat(proto.login(c, "pw")).isEqualTo(proto.failure("Could not connect to server"));
        assertOneFailedAuthLine("Could not connect to server");
    }

    @ParameterizedTest
    @EnumSource(Proto.class)
    void acceptsButNeverGreets(Proto proto) throws Exception {
        ScriptedBackend backend = new ScriptedBackend(ScriptedBackend.Conversation::drain);
        RawClient c = connect(backend, proto, 1);
        assertThat(proto.login(c, "pw")).isEqualTo(proto.failure("Connection Negotiation Failure"));
        assertOneFailedAuthLine("Connection Negotiation Failure");
        assertThat(backend.awaitAllClosed()).as("back-end connection closed by the proxy").isTrue();
    }

    @ParameterizedTest
    @EnumSource(Proto.class)
    void greetsSlowlyButInTime(Proto proto) throws Exception {
        // The greeting comes in pieces, each well inside the timeout: the login goes through.
        ScriptedBackend backend = new ScriptedBackend(conversation -> {
            String greeting = proto.greeting();
            for (int i = 0; i < greeting.length(); i += 8) {
                conversation.send(greeting.substring(i, Math.min(greeting.length(), i + 8)));
                TimeUnit.MILLISECONDS.sleep(100);   // the fake back-end's own pace, not a test wait
            }
            ScriptedBackendSupport.afterGreeting(proto, conversation, "pw");
        });
        RawClient c = connect(backend, proto, 2);
        assertThat(proto.login(c, "pw")).contains("OK");
        assertThat(proxy.log().await("status=\"ok\"")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Proto.class)
    void diesMidLogin(Proto proto) throws Exception {
        ScriptedBackend backend = new ScriptedBackend(conversation -> {
            conversation.send(proto.greeting());
            conversation.read();
            conversation.reset();
        });
        RawClient c = connect(backend, proto, 5);
        assertThat(proto.login(c, "pw")).isEqualTo(proto.failure("Connection Negotiation Failure"));
        assertOneFailedAuthLine("Connection Negotiation Failure");
        assertThat(backend.awaitAllClosed()).isTrue();
        // The client may try again on the same connection (spec §3.3.2).
        assertThat(c.ask(proto.noop())).contains("OK");
    }

    @ParameterizedTest
    @EnumSource(Proto.class)
    void diesMidRelay(Proto proto) throws Exception {
        CountDownLatch relaying = new CountDownLatch(1);
        ScriptedBackend backend = new ScriptedBackend(conversation -> {
            conversation.send(proto.greeting());
            proto.acceptLogin(conversation, conversation.read());
            conversation.read();   // the first relayed command
            relaying.countDown();
            conversation.reset();
        });
        RawClient c = connect(backend, proto, 5);
        assertThat(proto.login(c, "pw")).contains("OK");
        c.send(proto.relayed() + "\r\n");
        assertThat(relaying.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(c.read()).as("client connection closed cleanly").isNull();
        assertThat(proxy.log().await("Closing session:")).isTrue();
        assertThat(proxy.log().countContaining("Closing session:")).isEqualTo(1);
        assertThat(proxy.log().countContaining("status=\"ok\"")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Proto.class)
    void backendTlsHandshakeFails(Proto proto) throws Exception {
        // ssl_outgoing against a plain-text server: its greeting is no TLS record.
        ScriptedBackend backend = new ScriptedBackend(conversation -> {
            conversation.send(proto.greeting());
            conversation.drain();
        });
        proxy = ProxyHarness.start(proto.protocol, s -> {
            s.outgoingServers.add(backend.address());
            s.authenticateTimeout = 5;
            s.sslMode.add(SslMode.SSL_OUTGOING);
            s.sslNoCertVerify = true;
        });
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        proto.readGreeting(c);
        String reply = proto.login(c, "pw");
        assertThat(reply).isEqualTo(proto.failure("Connection Negotiation Failure"));
        assertThat(proxy.log().await("status=\"failed")).isTrue();
        assertThat(proxy.log().countContaining("Auth: ")).isEqualTo(1);
        assertThat(proxy.log().countContaining("TLS handshake with the back-end failed")).isEqualTo(1);
        assertThat(backend.awaitAllClosed()).isTrue();
    }
}
