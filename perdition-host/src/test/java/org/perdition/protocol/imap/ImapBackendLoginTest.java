package org.perdition.protocol.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;
import org.perdition.protocol.BackendLogin;
import org.perdition.protocol.BackendStep;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.FrontendSession;
import org.perdition.protocol.SessionContext;

/** The back-end dialogue (spec §3.5), driven line by line as the session core does. */
class ImapBackendLoginTest {

    private static final Credentials BOB = new Credentials(null, "bob", "secret", "a1");

    private final FrontendSession session =
            new ImapModule().newSession(new SessionContext(new Settings(), "proxy 0002bbb9", false));

    private BackendLogin login() {
        return session.newBackendLogin(BOB, "bob");
    }

    private static BackendStep send(String text) {
        return new BackendStep.Send(text);
    }

    @Test
    void logsInWithSynchronisingLiterals() {
        BackendLogin login = login();
        assertThat(login.onConnect()).isNull();
        assertThat(login.onLine("* OK Dovecot ready.")).isEqualTo(send("flim07 CAPABILITY\r\n"));
        assertThat(login.onLine("* CAPABILITY IMAP4rev1 IDLE")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("flim07 OK done")).isEqualTo(send("flim08 LOGIN {3}\r\n"));
        assertThat(login.onLine("+ OK")).isEqualTo(send("bob {6}\r\n"));
        assertThat(login.onLine("+")).isEqualTo(send("secret\r\n"));
        assertThat(login.onLine("* CAPABILITY IMAP4rev1 IDLE")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("flim08 OK [CAPABILITY IMAP4rev1] Logged in"))
                .isEqualTo(new BackendStep.Succeeded("flim08 OK [CAPABILITY IMAP4rev1] Logged in"));
    }

    @Test
    void sendsEverythingAtOnceWithLiteralPlus() {
        BackendLogin login = login();
        assertThat(login.onLine("* OK ready")).isEqualTo(send("flim07 CAPABILITY\r\n"));
        assertThat(login.onLine("* CAPABILITY IMAP4rev1 LITERAL+")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("flim07 OK done"))
                .isEqualTo(send("flim08 LOGIN {3+}\r\nbob {6+}\r\nsecret\r\n"));
        assertThat(login.onLine("flim08 OK in")).isEqualTo(new BackendStep.Succeeded("flim08 OK in"));
    }

    @Test
    void literalMinusCoversShortCredentials() {
        BackendLogin login = login();
        login.onLine("* OK ready");
        login.onLine("* CAPABILITY IMAP4rev1 LITERAL-");
        assertThat(login.onLine("flim07 OK done"))
                .isEqualTo(send("flim08 LOGIN {3+}\r\nbob {6+}\r\nsecret\r\n"));
    }

    @Test
    void literalLengthsCountBytes() {
        BackendLogin login = session.newBackendLogin(new Credentials(null, "b\u00f6b", "p\u00e4ss word", "a"), "b\u00f6b@x");
        // ISO-8859-1 byte strings: one char is one byte on the wire.
        assertThat(login.onLine("* OK [CAPABILITY IMAP4rev1 LITERAL+] ready"))
                .isEqualTo(send("flim07 LOGIN {5+}\r\nb\u00f6b@x {9+}\r\np\u00e4ss word\r\n"));
    }

    @Test
    void usesTheGreetingsCapabilityCodeAndSkipsCapability() {
        BackendLogin login = login();
        assertThat(login.onLine("* OK [CAPABILITY IMAP4rev1 literal+ AUTH=PLAIN] Dovecot ready."))
                .isEqualTo(send("flim07 LOGIN {3+}\r\nbob {6+}\r\nsecret\r\n"));
    }

    @Test
    void loginDisabledInCapabilityFailsWithoutLogout() {
        BackendLogin login = login();
        login.onLine("* OK ready");
        assertThat(login.onLine("* CAPABILITY IMAP4rev1 LOGINDISABLED")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("flim07 OK done"))
                .isEqualTo(new BackendStep.Failed(FailureReason.LOGIN_DISABLED, null, null));
    }

    @Test
    void loginDisabledInGreetingCode() {
        assertThat(login().onLine("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED STARTTLS] ready"))
                .isEqualTo(new BackendStep.Failed(FailureReason.LOGIN_DISABLED, null, null));
    }

    /** Bug B10: perdition only looked at the first line after CAPABILITY. */
    @Test
    void untaggedNoiseBeforeCapabilityIsSkipped() {
        BackendLogin login = login();
        login.onLine("* OK ready");
        assertThat(login.onLine("* OK [ALERT] maintenance tonight")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("* CAPABILITY IMAP4rev1")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("* CAPABILITY LOGINDISABLED")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("flim07 OK done"))
                .isEqualTo(new BackendStep.Failed(FailureReason.LOGIN_DISABLED, null, null));
    }

    /** Bug B10: perdition sent user name and password even after the server refused the literal. */
    @Test
    void refusedLiteralStopsTheLogin() {
        BackendLogin login = login();
        login.onLine("* OK ready");
        login.onLine("flim07 OK done");
        assertThat(login.onLine("* BYE not you")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("flim08 NO literal refused"))
                .isEqualTo(new BackendStep.Failed(FailureReason.REAUTHENTICATION, "flim08 NO literal refused",
                        "flim09 LOGOUT\r\n"));
    }

    @Test
    void refusedPasswordLiteralStopsTheLogin() {
        BackendLogin login = login();
        login.onLine("* OK ready");
        login.onLine("flim07 OK done");
        login.onLine("+ go on");
        assertThat(login.onLine("flim08 BAD too long"))
                .isEqualTo(new BackendStep.Failed(FailureReason.REAUTHENTICATION, "flim08 BAD too long",
                        "flim09 LOGOUT\r\n"));
    }

    @Test
    void rejectedLoginSendsLogout() {
        BackendLogin login = login();
        login.onLine("* OK ready");
        login.onLine("* CAPABILITY IMAP4rev1 LITERAL+");
        login.onLine("flim07 OK done");
        assertThat(login.onLine("flim08 NO [AUTHENTICATIONFAILED] Authentication failed."))
                .isEqualTo(new BackendStep.Failed(FailureReason.REAUTHENTICATION,
                        "flim08 NO [AUTHENTICATIONFAILED] Authentication failed.", "flim09 LOGOUT\r\n"));
    }

    @Test
    void preauthGreetingIsANegotiationFailure() {
        assertThat(login().onLine("* PREAUTH welcome"))
                .isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, null, "flim07 LOGOUT\r\n"));
    }

    @Test
    void byeGreetingIsANegotiationFailure() {
        assertThat(login().onLine("* BYE too busy"))
                .isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, null, "flim07 LOGOUT\r\n"));
    }

    @Test
    void garbageGreetingIsANegotiationFailure() {
        assertThat(login().onLine("+OK POP3 ready"))
                .isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, null, "flim07 LOGOUT\r\n"));
    }

    @Test
    void greetingStatusIsCaseInsensitive() {
        assertThat(login().onLine("* ok ready")).isEqualTo(send("flim07 CAPABILITY\r\n"));
    }

    /** Spec §3.3.4: connected to ourselves. Spaces are normalised before the comparison. */
    @Test
    void detectsALoop() {
        String own = session.greeting().substring("* OK ".length(), session.greeting().length() - 2);
        assertThat(login().onLine("* OK " + own.replace(" ", "  ")))
                .isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, null, "flim07 LOGOUT\r\n"));
        // Another instance (other checksum): our greeting's capability code lets us skip CAPABILITY.
        assertThat(login().onLine("* OK " + own.replace("0002bbb9", "0002bbba")))
                .isEqualTo(send("flim08 LOGIN {3+}\r\nbob {6+}\r\nsecret\r\n"));
    }

    @Test
    void wrongTagIsADesync() {
        BackendLogin login = login();
        login.onLine("* OK ready");
        assertThat(login.onLine("flim08 OK done"))
                .isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, null, null));
    }

    @Test
    void garbageDuringLoginIsADesync() {
        BackendLogin login = login();
        login.onLine("* OK ready");
        login.onLine("* CAPABILITY LITERAL+");
        login.onLine("flim07 OK done");
        assertThat(login.onLine("+ what"))
                .isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, null, null));
    }

    @Test
    void failedCapabilityCommandIsANegotiationFailure() {
        BackendLogin login = login();
        login.onLine("* OK ready");
        assertThat(login.onLine("flim07 BAD no such command"))
                .isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, "flim07 BAD no such command",
                        "flim08 LOGOUT\r\n"));
    }

    /** Spec §3.3.2: our tags keep counting across login attempts of one client. */
    @Test
    void tagsContinueAcrossLogins() {
        BackendLogin first = login();
        first.onLine("* OK ready");
        first.onLine("flim07 OK done");
        first.onLine("+");
        first.onLine("+");
        assertThat(first.onLine("flim08 NO bad password"))
                .isEqualTo(new BackendStep.Failed(FailureReason.REAUTHENTICATION, "flim08 NO bad password",
                        "flim09 LOGOUT\r\n"));
        BackendLogin second = login();
        assertThat(second.onLine("* OK ready")).isEqualTo(send("flim0a CAPABILITY\r\n"));
        assertThat(second.onLine("flim0a OK done")).isEqualTo(send("flim0b LOGIN {3}\r\n"));
    }

    @Test
    void tagOdometerCarries() {
        BackendTags tags = new BackendTags();
        assertThat(tags.next()).isEqualTo("flim07");
        assertThat(tags.next()).isEqualTo("flim08");
        assertThat(tags.next()).isEqualTo("flim09");
        assertThat(tags.next()).isEqualTo("flim0a");
        BackendTags high = new BackendTags("flim0Y");
        assertThat(high.next()).isEqualTo("flim0Y");
        assertThat(high.next()).isEqualTo("flim0Z");
        assertThat(high.next()).isEqualTo("flim10");
        BackendTags top = new BackendTags("flimZZ");
        top.next();
        assertThat(top.next()).isEqualTo("flin00");
    }
}
