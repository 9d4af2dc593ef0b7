package org.perdition.starttls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.perdition.abuse.Dialect;
import org.perdition.abuse.RawClient;
import org.perdition.abuse.ScriptedBackend;
import org.perdition.config.Protocol;
import org.perdition.config.SslMode;
import org.perdition.it.TestCertificate;

/**
 * The NoSTARTTLS cases that apply to the proxy as a server (POP3 STLS, IMAP STARTTLS, ManageSieve
 * STARTTLS towards its clients): command injection, plaintext sent where the handshake should be,
 * state and capabilities carried over the switch, login in clear when TLS is required.
 */
class ClientSideStarttlsTest extends StarttlsFixture {

    private static final List<SslMode> TLS_LISTEN = List.of(SslMode.TLS_LISTEN);

    private static String starttls(Dialect d) {
        return switch (d) {
            case POP3 -> "STLS";
            case IMAP -> "s1 STARTTLS";
            case MANAGESIEVE -> "STARTTLS";
        };
    }

    private static String goAhead(Dialect d) {
        return switch (d) {
            case POP3 -> "+OK Begin TLS negotiation, mate";
            case IMAP -> "s1 OK Begin TLS negotiation now";
            case MANAGESIEVE -> "OK \"Begin TLS negotiation, mate\"";
        };
    }

    /** The capability listing, whole. */
    private static List<String> capabilities(Dialect d, TlsLine c) throws Exception {
        return switch (d) {
            case POP3 -> {
                c.send("CAPA\r\n");
                yield c.readUntil(".");
            }
            case IMAP -> {
                c.send("c1 CAPABILITY\r\n");
                yield c.readUntil("c1 ");
            }
            case MANAGESIEVE -> {
                c.send("CAPABILITY\r\n");
                yield c.readUntil("OK");
            }
        };
    }

    private static void greeting(Dialect d, TlsLine c) throws Exception {
        if (d == Dialect.MANAGESIEVE) {
            c.readUntil("OK");
        } else {
            c.read();
        }
    }

    /** Greeting, STARTTLS, go-ahead, handshake (and ManageSieve's capabilities again, RFC 5804 §2.2). */
    private static void switchToTls(Dialect d, TlsLine c, String pipelined) throws Exception {
        greeting(d, c);
        c.send(starttls(d) + "\r\n" + pipelined);
        assertThat(c.read()).isEqualTo(goAhead(d));
        c.startTls(TestCertificate.trustingClientContext(), true);
        if (d == Dialect.MANAGESIEVE) {
            assertThat(c.readUntil("OK")).last().isEqualTo("OK \"TLS negotiation completed, mate\"");
        }
    }

    /**
     * Command injection (CVE-2011-0411, NoSTARTTLS §5.1): a command sent in clear in the same
     * packet as STARTTLS must not be executed as if it came over TLS. The injected command here
     * would have a reply of its own, different from the one the real command gets.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void commandInjectedBehindStarttlsIsNeverExecuted(Dialect d) throws Exception {
        start(d.protocol(), TLS_LISTEN, s -> { });
        TlsLine c = client(lines());
        String injected = switch (d) {
            case POP3 -> "USER mallory\r\n";
            case IMAP -> "i1 CAPABILITY\r\n";
            case MANAGESIEVE -> "NOOP \"injected\"\r\n";
        };
        switchToTls(d, c, injected);
        String reply = switch (d) {
            case POP3 -> c.ask("PASS secret");
            case IMAP -> c.ask("a2 NOOP");
            case MANAGESIEVE -> c.ask("NOOP \"real\"");
        };
        assertThat(reply).isEqualTo(switch (d) {
            case POP3 -> "-ERR USER not yet set, mate";   // the injected USER did not count
            case IMAP -> "a2 OK NOOP";
            case MANAGESIEVE -> "OK (TAG \"real\") \"NOOP completed, mate\"";
        });
        assertThat(proxy.log().await("pipelined after STARTTLS")).isTrue();
        assertThat(proxy.log().countContaining("Discarding " + injected.length() + " bytes pipelined after STARTTLS"))
                .isEqualTo(1);
    }

    /**
     * Plaintext sent after the go-ahead, in a later packet, where the TLS handshake should be
     * ("buffering" bugs: bytes read before the handshake fed to the protocol as if from TLS). It is
     * no TLS record: the handshake fails, the connection closes, the command gets no reply.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void plaintextWhereTheHandshakeShouldBeEndsTheConnectionUnanswered(Dialect d) throws Exception {
        // Without -d: the one line at INFO is the handshake failure (-d adds the decoder's exception).
        start(d.protocol(), TLS_LISTEN, s -> s.debug = false);
        RawClient c = proxy.client();
        d.readGreeting(c);
        assertThat(c.ask(starttls(d))).isEqualTo(goAhead(d));
        c.send(d.noop(3) + "\r\n");
        // a TLS alert may come back (binary, no reply line); never an answer to the command
        assertThat(c.readUntilClosed(10)).as("no reply after the go-ahead").noneMatch(d::isReply);
        assertThat(proxy.log().await("TLS handshake with client failed")).isTrue();
        assertThat(proxy.awaitNoSessions()).isTrue();
        assertThat(proxy.log().countContaining("TLS handshake with client failed")).isEqualTo(1);
        assertThat(proxy.log().countContaining("Auth:")).isZero();
    }

    /**
     * Capabilities after TLS: STARTTLS is no longer offered, and a second STARTTLS is refused
     * (IMAP, POP3) or unknown (ManageSieve) rather than starting TLS inside TLS.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void afterTlsStarttlsIsNeitherOfferedNorAccepted(Dialect d) throws Exception {
        start(d.protocol(), TLS_LISTEN, s -> { });
        TlsLine c = client(lines());
        switchToTls(d, c, "");
        assertThat(capabilities(d, c)).noneMatch(line -> line.toUpperCase().contains("STARTTLS")
                || line.toUpperCase().matches("(\\* CAPABILITY )?.*\\bSTLS\\b.*"));
        assertThat(c.ask(starttls(d))).isEqualTo(switch (d) {
            case POP3 -> "-ERR TLS already active, mate";
            case IMAP -> "s1 BAD SSL already active, mate";
            case MANAGESIEVE -> "NO \"Unknown command, mate\"";
        });
        assertThat(c.isTls()).isTrue();
    }

    /**
     * Login in clear when TLS is required ({@code tls_listen_force}): refused with
     * "Login Disabled" before any lookup or back-end connection, so the password never leaves the
     * proxy in clear (a STARTTLS-stripping attacker between client and proxy gains nothing).
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void loginInClearIsRefusedWhenTlsIsRequired(Dialect d) throws Exception {
        ScriptedBackend backend = new ScriptedBackend(ScriptedBackend.Conversation::drain);
        start(d.protocol(), List.of(SslMode.TLS_LISTEN, SslMode.TLS_LISTEN_FORCE),
                s -> s.outgoingServers.add(backend.address()));
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        d.readGreeting(c);
        String[] login = d.login("bob", "secret");
        String reply = null;
        for (String line : login) {
            reply = c.ask(line);
        }
        assertThat(reply).isEqualTo(switch (d) {
            case POP3 -> "-ERR failed: Login Disabled";
            case IMAP -> "a1 NO failed: Login Disabled";
            case MANAGESIEVE -> "NO \"failed: Login Disabled\"";
        });
        assertThat(proxy.log().await("status=\"failed: Login Disabled\"")).isTrue();
        assertThat(backend.acceptedConnections()).as("no back-end connection").isZero();
    }

    /**
     * A command whose error reply waits for the failure delay, with STARTTLS pipelined behind it:
     * the delayed reply must go out in clear before the go-ahead, and nothing of it may end up
     * inside (or instead of) the TLS handshake.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aDelayedErrorBeforeStarttlsGoesOutFirstInClear(Dialect d) throws Exception {
        start(d.protocol(), TLS_LISTEN, s -> s.failureDelayMillis = 300);
        TlsLine c = client(lines());
        greeting(d, c);
        String bad = switch (d) {
            case POP3 -> "NOOP x";
            case IMAP -> "a0 NOOP x";
            case MANAGESIEVE -> "BOGUS";
        };
        c.send(bad + "\r\n" + starttls(d) + "\r\n");
        assertThat(d.isError(c.read())).as("the delayed error first").isTrue();
        assertThat(c.read()).isEqualTo(goAhead(d));
        c.startTls(TestCertificate.trustingClientContext(), true);
        if (d == Dialect.MANAGESIEVE) {
            c.readUntil("OK");
        }
        assertThat(d.isNoopReply(c.ask(d.noop(5)), 5)).isTrue();
    }

    /** RFC 2595 §4: a USER given in clear does not survive STLS (state reset, NoSTARTTLS §5.3). */
    @Test
    void pop3UserGivenInClearIsForgottenAtStls() throws Exception {
        start(Protocol.POP3, TLS_LISTEN, s -> { });
        TlsLine c = client(lines());
        c.read();
        assertThat(c.ask("USER mallory")).startsWith("+OK");
        c.send("STLS\r\n");
        assertThat(c.read()).isEqualTo(goAhead(Dialect.POP3));
        c.startTls(TestCertificate.trustingClientContext(), true);
        assertThat(c.ask("PASS secret")).isEqualTo("-ERR USER not yet set, mate");
    }

    /** Our IMAP greeting is never PREAUTH (NoSTARTTLS §5.4: PREAUTH leaves no state for STARTTLS). */
    @Test
    void imapGreetingIsOkNeverPreauth() throws Exception {
        start(Protocol.IMAP4, TLS_LISTEN, s -> { });
        RawClient c = proxy.client();
        assertThat(c.read()).startsWith("* OK ").contains("STARTTLS");
    }
}
