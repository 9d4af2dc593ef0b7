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
 * Faults (issue 9): back-ends that refuse, stay silent, are slow, die, or fail TLS. Each ends with the
 * protocol's failure reply to the client, exactly one failed Auth line, no exception in the log, no
 * Netty leak report, and no back-end connection left open by the proxy.
 */
class BackendFaultTest extends AbuseSuite {

    /** The protocols with a scripted back-end. */
    enum Proto {
        POP3(Protocol.POP3), IMAP(Protocol.IMAP4);

        public final Protocol protocol;

        Proto(Protocol protocol) {
            this.protocol = protocol;
        }

        ScriptedBackend.Script accepting(String password) {
            return this == POP3 ? ScriptedBackend.pop3Accepting(password) : ScriptedBackend.imapAccepting(password);
        }

        String greeting() {
            return this == POP3 ? "+OK fake POP3 ready\r\n" : "* OK [CAPABILITY IMAP4rev1 LITERAL+] fake\r\n";
        }

        /** Sends the login; returns the reply that ends it. */
        String login(RawClient c, String password) throws Exception {
            if (this == POP3) {
                c.ask("USER bob");
                return c.ask("PASS " + password);
            }
            return c.ask("a1 LOGIN bob " + password);
        }

        String failure(String reason) {
            return (this == POP3 ? "-ERR failed: " : "a1 NO failed: ") + reason;
        }
    }

    private RawClient connect(ScriptedBackend backend, Proto proto, int authenticateTimeout) throws Exception {
        proxy = ProxyHarness.start(proto.protocol, s -> {
            s.outgoingServers.add(backend.address());
            s.authenticateTimeout = authenticateTimeout;
        });
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        c.read();
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
        c.read();
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
            ScriptedBackendSupport.afterGreeting(proto == Proto.POP3, conversation, "pw");
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
        assertThat(c.ask(proto == Proto.POP3 ? "NOOP" : "a9 NOOP")).contains("OK");
    }

    @ParameterizedTest
    @EnumSource(Proto.class)
    void diesMidRelay(Proto proto) throws Exception {
        CountDownLatch relaying = new CountDownLatch(1);
        ScriptedBackend backend = new ScriptedBackend(conversation -> {
            conversation.send(proto.greeting());
            String first = conversation.read();
            String tag = first == null ? "" : first.split(" ", 2)[0];
            if (proto == Proto.POP3) {
                conversation.send("+OK\r\n");
                conversation.read();
                conversation.send("+OK logged in\r\n");
            } else {
                conversation.read();
                conversation.read();
                conversation.send(tag + " OK logged in\r\n");
            }
            conversation.read();   // the first relayed command
            relaying.countDown();
            conversation.reset();
        });
        RawClient c = connect(backend, proto, 5);
        assertThat(proto.login(c, "pw")).contains("OK");
        c.send(proto == Proto.POP3 ? "STAT\r\n" : "a2 SELECT INBOX\r\n");
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
        c.read();
        String reply = proto.login(c, "pw");
        assertThat(reply).startsWith(proto.failure(""));
        assertThat(proxy.log().await("status=\"failed")).isTrue();
        assertThat(proxy.log().countContaining("Auth: ")).isEqualTo(1);
        assertThat(proxy.log().countContaining("TLS handshake with the back-end failed")).isEqualTo(1);
        assertThat(backend.awaitAllClosed()).isTrue();
    }
}
