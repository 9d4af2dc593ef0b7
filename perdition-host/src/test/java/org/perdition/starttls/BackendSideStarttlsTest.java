package org.perdition.starttls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.perdition.abuse.Dialect;
import org.perdition.abuse.RawClient;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/**
 * The NoSTARTTLS cases that apply to the proxy as a client of its back-ends (tls_outgoing,
 * tls_outgoing_force): response injection, STARTTLS stripped or refused (downgrade), untagged and
 * forged replies to STARTTLS, PREAUTH, capabilities learnt in clear, the back-end's certificate.
 * "No credentials in clear" is checked on the back-end's own record of what it received.
 */
class BackendSideStarttlsTest extends StarttlsFixture {

    private static final List<SslMode> TLS_OUTGOING = List.of(SslMode.TLS_OUTGOING);
    private static final List<SslMode> TLS_OUTGOING_FORCE = List.of(SslMode.TLS_OUTGOING, SslMode.TLS_OUTGOING_FORCE);

    private StarttlsBackend backend;

    /** Capabilities a well-behaved back-end lists again over TLS. */
    private static String capabilitiesAfterTls(Dialect d) {
        return d == Dialect.MANAGESIEVE ? "\"SASL\" \"PLAIN\"\r\n" : "IMAP4rev1 LITERAL+";
    }

    private static BackendScripts.Behaviour offering(Dialect d, UnaryOperator<String> reply) {
        return new BackendScripts.Behaviour(true, reply, capabilitiesAfterTls(d));
    }

    /** Starts the back-end and the proxy pointing at it; the client logs in as bob/secret; its final reply. */
    private String login(Dialect d, StarttlsBackend.Script script, List<SslMode> modes, Consumer<Settings> more)
            throws Exception {
        backend = backend(script);
        start(d.protocol(), modes, more.andThen(s -> s.outgoingServers.add(backend.address())));
        proxy.closeLater(backend);
        RawClient c = proxy.client();
        d.readGreeting(c);
        String reply = null;
        for (String line : d.login("bob", "secret")) {
            reply = c.ask(line);
        }
        return reply;
    }

    private String login(Dialect d, BackendScripts.Behaviour b, List<SslMode> modes) throws Exception {
        return login(d, BackendScripts.of(d, b), modes, s -> { });
    }

    private static String failure(Dialect d, String reason) {
        return switch (d) {
            case POP3 -> "-ERR failed: " + reason;
            case IMAP -> "a1 NO failed: " + reason;
            case MANAGESIEVE -> "NO \"failed: " + reason + "\"";
        };
    }

    private static boolean isSuccess(Dialect d, String reply) {
        return reply != null && reply.startsWith(d == Dialect.IMAP ? "a1 OK" : d == Dialect.POP3 ? "+OK" : "OK");
    }

    /** After a failed login: the proxy closed its back-end connection, and sent no credentials in clear. */
    private void assertClosedWithoutCredentials() {
        assertThat(backend.awaitAllClosed()).as("back-end connection closed").isTrue();
        assertNoCredentialsInClear();
    }

    /** Credentials (the user name, the password, SASL PLAIN) never reached the back-end in clear. */
    private void assertNoCredentialsInClear() {
        assertThat(backend.received()).filteredOn(line -> !line.startsWith("tls: "))
                .noneMatch(line -> line.startsWith("USER") || line.startsWith("PASS") || line.contains("LOGIN")
                        || line.startsWith("AUTHENTICATE") || line.contains("secret") || line.startsWith("bob"));
    }

    private void assertLoggedInOverTls() {
        assertThat(proxy.log().await("status=\"ok\"")).isTrue();
        assertThat(proxy.log().countContaining("server-secure=starttls")).isEqualTo(1);
        assertThat(backend.received()).anyMatch(line -> line.startsWith("tls: "));
    }

    /**
     * Response injection (NoSTARTTLS §5.2, the client side of CVE-2011-0411): lines sent in clear
     * behind the go-ahead must not be read as if they came over TLS. Each injection would make the
     * login fail if it were read: POP3 a -ERR for USER, IMAP LOGINDISABLED in the capabilities,
     * ManageSieve an early OK that ends the capability list before SASL.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void responsesInjectedBehindTheGoAheadAreDiscarded(Dialect d) throws Exception {
        String injected = switch (d) {
            case POP3 -> "-ERR injected\r\n";
            case IMAP -> "* CAPABILITY IMAP4rev1 LOGINDISABLED\r\n";
            case MANAGESIEVE -> "OK \"injected\"\r\n";
        };
        String reply = login(d, offering(d, tag -> BackendScripts.goAhead(d, tag) + injected), TLS_OUTGOING);
        assertThat(reply).matches(r -> isSuccess(d, r), "a successful login");
        assertLoggedInOverTls();
        assertThat(proxy.log().countContaining("Discarding " + injected.length()
                + " bytes the back-end sent in clear after its STARTTLS go-ahead")).isEqualTo(1);
        assertNoCredentialsInClear();
    }

    /** STARTTLS offered but refused: a failure, never a fallback to clear (perdition: TLS anyway, bug B9). */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRefusedStarttlsIsAFailureNotADowngrade(Dialect d) throws Exception {
        UnaryOperator<String> refusal = tag -> switch (d) {
            case POP3 -> "-ERR not now\r\n";
            case IMAP -> tag + " NO not now\r\n";
            case MANAGESIEVE -> "NO \"not now\"\r\n";
        };
        assertThat(login(d, offering(d, refusal), TLS_OUTGOING))
                .isEqualTo(failure(d, "Connection Negotiation Failure"));
        assertThat(proxy.log().await("status=\"failed: Connection Negotiation Failure\"")).isTrue();
        assertClosedWithoutCredentials();
    }

    /** STARTTLS stripped from the capabilities, tls_outgoing_force: the login fails, nothing in clear. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void strippedStarttlsWithTlsOutgoingForceSendsNoCredentials(Dialect d) throws Exception {
        String reply = login(d, new BackendScripts.Behaviour(false, tag -> "", ""), TLS_OUTGOING_FORCE);
        // perdition's texts: POP3 and ManageSieve "TLS not present", IMAP a negotiation failure (spec §3.3 step 14)
        assertThat(reply).isEqualTo(failure(d, d == Dialect.IMAP ? "Connection Negotiation Failure" : "TLS not present"));
        assertThat(proxy.log().await("status=\"failed")).isTrue();
        assertClosedWithoutCredentials();
    }

    /**
     * STARTTLS stripped, plain tls_outgoing: opportunistic by definition, the login goes on in
     * clear (as perdition 2.2) and the log says {@code server-secure=plaintext}. The downgrade is
     * the documented meaning of the option; tls_outgoing_force or ssl_outgoing prevent it.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void strippedStarttlsWithPlainTlsOutgoingIsLoggedAsPlaintext(Dialect d) throws Exception {
        String reply = login(d, new BackendScripts.Behaviour(false, tag -> "", ""), TLS_OUTGOING);
        assertThat(reply).matches(r -> isSuccess(d, r), "a successful login");
        assertThat(proxy.log().await("status=\"ok\"")).isTrue();
        assertThat(proxy.log().countContaining("server-secure=plaintext")).isEqualTo(1);
    }

    /** The back-end's certificate is verified after STARTTLS as after implicit TLS (untrusted here). */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anUntrustedBackendCertificateAfterStarttlsFailsTheLogin(Dialect d) throws Exception {
        String reply = login(d, BackendScripts.of(d, offering(d, tag -> BackendScripts.goAhead(d, tag))),
                TLS_OUTGOING, s -> s.sslCaFile = null);
        assertThat(reply).isEqualTo(failure(d, "Connection Negotiation Failure"));
        assertThat(proxy.log().await("TLS handshake with the back-end failed")).isTrue();
        assertThat(proxy.log().countContaining("TLS handshake with the back-end failed")).isEqualTo(1);
        assertClosedWithoutCredentials();
    }

    /** Untagged lines around the STARTTLS reply are skipped; one that lists LOGINDISABLED is not believed. */
    @Test
    void imapUntaggedLinesBeforeTheGoAheadAreIgnored() throws Exception {
        String reply = login(Dialect.IMAP, offering(Dialect.IMAP,
                tag -> "* OK [ALERT] hello\r\n* CAPABILITY IMAP4rev1 LOGINDISABLED\r\n" + tag + " OK Begin TLS\r\n"),
                TLS_OUTGOING);
        assertThat(reply).startsWith("a1 OK");
        assertLoggedInOverTls();
        assertNoCredentialsInClear();
    }

    /** A go-ahead with another tag (tampered) is a desynchronised back-end: no TLS, no login. */
    @Test
    void imapGoAheadWithAForgedTagFails() throws Exception {
        String reply = login(Dialect.IMAP, offering(Dialect.IMAP, tag -> "x" + tag + " OK Begin TLS\r\n"), TLS_OUTGOING);
        assertThat(reply).isEqualTo(failure(Dialect.IMAP, "Connection Negotiation Failure"));
        assertClosedWithoutCredentials();
    }

    /** A PREAUTH greeting leaves no room for STARTTLS (NoSTARTTLS §5.4): a failure, no login. */
    @Test
    void imapPreauthGreetingFails() throws Exception {
        String reply = login(Dialect.IMAP, c -> {
            c.send("* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] already in\r\n");
            c.drain();
        }, TLS_OUTGOING, s -> { });
        assertThat(reply).isEqualTo(failure(Dialect.IMAP, "Connection Negotiation Failure"));
        assertClosedWithoutCredentials();
        assertThat(backend.received()).noneMatch(line -> line.contains("STARTTLS"));
    }

    /**
     * Capabilities learnt in clear are forgotten (RFC 3501 §6.2.1): LITERAL+ and LOGINDISABLED
     * from the clear greeting do not count; the login waits for each continuation over TLS.
     */
    @Test
    void imapCapabilitiesFromBeforeTlsAreForgotten() throws Exception {
        BackendScripts.Behaviour b = new BackendScripts.Behaviour(true,
                tag -> BackendScripts.goAhead(Dialect.IMAP, tag), "IMAP4rev1 AUTH=PLAIN");
        String reply = login(Dialect.IMAP,
                c -> BackendScripts.imap(c, b, "IMAP4rev1 STARTTLS LITERAL+ LOGINDISABLED"), TLS_OUTGOING, s -> { });
        assertThat(reply).startsWith("a1 OK");
        assertLoggedInOverTls();
        assertThat(backend.received()).anyMatch(line -> line.startsWith("tls: ") && line.endsWith(" LOGIN {3}"));
    }

    /** ManageSieve: SASL learnt in clear is forgotten; over TLS none is listed, so no AUTHENTICATE at all. */
    @Test
    void sieveSaslFromBeforeTlsIsForgotten() throws Exception {
        String reply = login(Dialect.MANAGESIEVE, new BackendScripts.Behaviour(true,
                tag -> BackendScripts.goAhead(Dialect.MANAGESIEVE, tag), ""), TLS_OUTGOING);
        assertThat(reply).isEqualTo(failure(Dialect.MANAGESIEVE, "SASL mechanism unavailable"));
        assertThat(backend.received()).noneMatch(line -> line.contains("AUTHENTICATE"));
    }
}
