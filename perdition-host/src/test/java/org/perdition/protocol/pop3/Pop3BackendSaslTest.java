package org.perdition.protocol.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.perdition.protocol.BackendStep;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.OutgoingTls;
import org.perdition.protocol.SaslPlain;

/** A client acting for another user: AUTH PLAIN with an initial response to the back-end (RFC 5034). */
class Pop3BackendSaslTest {

    private final Pop3BackendLogin login =
            new Pop3BackendLogin("proxy 0002bb17", "bob", "adminpw", OutgoingTls.OFF, "admin");

    @Test
    void authPlainCarriesBothNames() {
        assertThat(login.onLine("+OK ready"))
                .isEqualTo(new BackendStep.Send("AUTH PLAIN " + SaslPlain.encode("bob", "admin", "adminpw") + "\r\n"));
        assertThat(login.onLine("+OK Logged in.")).isEqualTo(new BackendStep.Succeeded("+OK Logged in."));
    }

    @Test
    void aRefusalIsAReauthenticationFailureWithTheLine() {
        login.onLine("+OK ready");
        assertThat(login.onLine("-ERR [AUTH] Authentication failed."))
                .isEqualTo(new BackendStep.Failed(FailureReason.REAUTHENTICATION, "-ERR [AUTH] Authentication failed.",
                        "QUIT\r\n"));
    }
}
