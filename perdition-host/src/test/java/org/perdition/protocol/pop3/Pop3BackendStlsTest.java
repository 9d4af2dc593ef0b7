package org.perdition.protocol.pop3;

import org.perdition.protocol.OutgoingTls;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.perdition.protocol.BackendStep;
import org.perdition.protocol.FailureReason;

/** tls_outgoing / tls_outgoing_force towards a POP3 back-end (spec §3.4, bug B9 fixed). */
class Pop3BackendStlsTest {

    private static final String SUFFIX = "proxy.example.org 0002bb17";

    private static Pop3BackendLogin login(OutgoingTls tls) {
        return new Pop3BackendLogin(SUFFIX, "bob", "pw", tls);
    }

    @Test
    void capaListingStlsLeadsToStlsThenUserOverTls() {
        Pop3BackendLogin login = login(OutgoingTls.IF_OFFERED);
        assertThat(login.onLine("+OK ready")).isEqualTo(new BackendStep.Send("CAPA\r\n"));
        assertThat(login.onLine("+OK Capability list follows")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("TOP")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("STLS")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine(".")).isEqualTo(new BackendStep.Send("STLS\r\n"));
        assertThat(login.onLine("+OK Begin TLS")).isEqualTo(new BackendStep.StartTls(""));
        assertThat(login.onTlsStarted()).isEqualTo(new BackendStep.Send("USER bob\r\n"));
        assertThat(login.onLine("+OK")).isEqualTo(new BackendStep.Send("PASS pw\r\n"));
    }

    @Test
    void stlsRefusedIsANegotiationFailure() {
        Pop3BackendLogin login = login(OutgoingTls.IF_OFFERED);
        login.onLine("+OK ready");
        login.onLine("+OK");
        login.onLine("STLS");
        login.onLine(".");
        assertThat(login.onLine("-ERR no TLS for you"))
                .isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, "-ERR no TLS for you", "QUIT\r\n"));
    }

    @Test
    void withoutStlsTlsOutgoingLogsInInClear() {
        Pop3BackendLogin login = login(OutgoingTls.IF_OFFERED);
        login.onLine("+OK ready");
        login.onLine("+OK");
        assertThat(login.onLine(".")).isEqualTo(new BackendStep.Send("USER bob\r\n"));
    }

    @Test
    void capaRefusedMeansNoStls() {
        Pop3BackendLogin login = login(OutgoingTls.IF_OFFERED);
        login.onLine("+OK ready");
        assertThat(login.onLine("-ERR unknown command")).isEqualTo(new BackendStep.Send("USER bob\r\n"));
    }

    @Test
    void withoutStlsTlsOutgoingForceFailsWithTlsNotPresent() {
        Pop3BackendLogin login = login(OutgoingTls.REQUIRED);
        login.onLine("+OK ready");
        login.onLine("+OK");
        login.onLine("USER");
        assertThat(login.onLine("."))
                .isEqualTo(new BackendStep.Failed(FailureReason.TLS_NOT_PRESENT, null, "QUIT\r\n"));
    }

    @Test
    void stlsAsAnArgumentElsewhereDoesNotCount() {
        Pop3BackendLogin login = login(OutgoingTls.REQUIRED);
        login.onLine("+OK ready");
        login.onLine("+OK");
        login.onLine("SASL STLS");
        assertThat(login.onLine(".")).isInstanceOf(BackendStep.Failed.class);
    }
}
