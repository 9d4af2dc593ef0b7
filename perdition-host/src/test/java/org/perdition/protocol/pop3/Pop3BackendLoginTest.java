package org.perdition.protocol.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;
import org.perdition.protocol.BackendStep;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.SessionContext;

/** The back-end dialogue of spec §3.4 and the loop check of §3.3.4. */
class Pop3BackendLoginTest {

    private static final String SUFFIX = "proxy.example.org 0002bb17";
    private static final String QUIT = "QUIT\r\n";

    private final Pop3BackendLogin login = new Pop3BackendLogin(SUFFIX, "bob", "good  two   spaces ");

    @Test
    void logsInWithUserAndPass() {
        assertThat(login.onConnect()).isNull();
        assertThat(login.onLine("+OK Dovecot ready.")).isEqualTo(new BackendStep.Send("USER bob\r\n"));
        assertThat(login.onLine("+OK")).isEqualTo(new BackendStep.Send("PASS good  two   spaces \r\n"));
        assertThat(login.onLine("+OK Logged in.")).isEqualTo(new BackendStep.Succeeded("+OK Logged in."));
    }

    @Test
    void userRefusedIsReauthenticationFailureWithTheLine() {
        login.onLine("+OK ready");

        assertThat(login.onLine("-ERR no such user"))
                .isEqualTo(new BackendStep.Failed(FailureReason.REAUTHENTICATION, "-ERR no such user", QUIT));
    }

    @Test
    void passRefusedIsReauthenticationFailureWithTheLine() {
        login.onLine("+OK ready");
        login.onLine("+OK send PASS");

        assertThat(login.onLine("-ERR [AUTH] bad password"))
                .isEqualTo(new BackendStep.Failed(FailureReason.REAUTHENTICATION, "-ERR [AUTH] bad password", QUIT));
    }

    @Test
    void greetingOtherThanOkIsNegotiationFailure() {
        assertThat(login.onLine("-ERR go away"))
                .isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, "-ERR go away", QUIT));
    }

    @Test
    void greetingWithOkGluedToTextIsNotOk() {
        assertThat(login.onLine("+OKready"))
                .isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, "+OKready", QUIT));
    }

    @Test
    void ownGreetingMeansALoop() {
        String ours = new Pop3Module().newSession(
                new SessionContext(new Settings(), SUFFIX, false))
                .greeting();
        String line = ours.substring(0, ours.length() - 2);

        assertThat(line).isEqualTo("+OK POP3 perditon ready on proxy.example.org 0002bb17");
        assertThat(login.onLine(line)).isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, line, QUIT));
    }

    @Test
    void anotherPerditionWithOtherOptionsIsNoLoop() {
        assertThat(login.onLine("+OK POP3 perditon ready on proxy.example.org 0002bb18"))
                .isEqualTo(new BackendStep.Send("USER bob\r\n"));
    }

    @Test
    void garbageInsteadOfAStatusIsNegotiationFailure() {
        login.onLine("+OK ready");

        assertThat(login.onLine("* OK IMAP4rev1"))
                .isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, "* OK IMAP4rev1", QUIT));
    }

    @Test
    void garbageAfterPassIsNegotiationFailure() {
        login.onLine("+OK ready");
        login.onLine("+OK");

        assertThat(login.onLine("what?")).isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, "what?", QUIT));
    }

    @Test
    void lineBreakInTheNameOrPasswordIsNeverSent() {
        Pop3BackendLogin injecting = new Pop3BackendLogin(SUFFIX, "bob\r\nDELE 1", "pw");

        assertThat(injecting.onLine("+OK ready"))
                .isEqualTo(new BackendStep.Failed(FailureReason.REAUTHENTICATION, null, QUIT));
    }
}
