package org.perdition.protocol.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;
import org.perdition.protocol.BackendLogin;
import org.perdition.protocol.BackendStep;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.FrontendSession;
import org.perdition.protocol.SaslPlain;
import org.perdition.protocol.SessionContext;

/**
 * A client that authenticated as one user (authcid) for another (authzid): the back-end gets
 * AUTHENTICATE PLAIN with the remote_login name as authzid and the authcid unchanged; LOGIN could
 * carry only one name, and the password is the authcid's.
 */
class ImapBackendSaslTest {

    private static final Credentials ADMIN_FOR_BOB = new Credentials("bob@example.org", "admin", "adminpw", "a1");

    private final FrontendSession session =
            new ImapModule().newSession(new SessionContext(new Settings(), "proxy 0002bbb9", false));

    private static BackendStep send(String text) {
        return new BackendStep.Send(text);
    }

    @Test
    void saslIrSendsTheInitialResponseAtOnce() {
        BackendLogin login = session.newBackendLogin(ADMIN_FOR_BOB, "bob");
        assertThat(login.onLine("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN LOGINDISABLED] ready"))
                .isEqualTo(send("flim07 AUTHENTICATE PLAIN " + SaslPlain.encode("bob", "admin", "adminpw") + "\r\n"));
        assertThat(login.onLine("flim07 OK in")).isEqualTo(new BackendStep.Succeeded("flim07 OK in"));
    }

    @Test
    void withoutSaslIrTheResponseFollowsTheContinuation() {
        BackendLogin login = session.newBackendLogin(ADMIN_FOR_BOB, "bob");
        assertThat(login.onLine("* OK ready")).isEqualTo(send("flim07 CAPABILITY\r\n"));
        login.onLine("* CAPABILITY IMAP4rev1 AUTH=PLAIN");
        assertThat(login.onLine("flim07 OK done")).isEqualTo(send("flim08 AUTHENTICATE PLAIN\r\n"));
        assertThat(login.onLine("+ ")).isEqualTo(send(SaslPlain.encode("bob", "admin", "adminpw") + "\r\n"));
        assertThat(login.onLine("flim08 NO [AUTHORIZATIONFAILED] not allowed"))
                .isEqualTo(new BackendStep.Failed(FailureReason.REAUTHENTICATION,
                        "flim08 NO [AUTHORIZATIONFAILED] not allowed", "flim09 LOGOUT\r\n"));
    }

    @Test
    void aBackendWithoutPlainCannotActForAnotherUser() {
        BackendLogin login = session.newBackendLogin(ADMIN_FOR_BOB, "bob");
        assertThat(login.onLine("* OK [CAPABILITY IMAP4rev1 AUTH=GSSAPI] ready"))
                .isEqualTo(new BackendStep.Failed(FailureReason.SASL_UNAVAILABLE, null, "flim07 LOGOUT\r\n"));
    }

    @Test
    void anAuthzidEqualToTheAuthcidIsAnOrdinaryLogin() {
        BackendLogin login = session.newBackendLogin(new Credentials("bob", "bob", "pw", "a1"), "bob");
        assertThat(login.onLine("* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] ready"))
                .isEqualTo(send("flim07 LOGIN {3+}\r\nbob {2+}\r\npw\r\n"));
    }
}
