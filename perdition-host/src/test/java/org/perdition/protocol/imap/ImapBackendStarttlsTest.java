package org.perdition.protocol.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.protocol.BackendLogin;
import org.perdition.protocol.BackendStep;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.SessionContext;

/** tls_outgoing / tls_outgoing_force towards an IMAP back-end (spec §3.5, bug B9 fixed). */
class ImapBackendStarttlsTest {

    private static final Credentials BOB = new Credentials(null, "bob", "secret", "a1");

    private static BackendLogin login(SslMode... modes) {
        Settings settings = new Settings();
        settings.sslMode.addAll(java.util.List.of(modes));
        return new ImapModule().newSession(new SessionContext(settings, "proxy 0002bbb9", false))
                .newBackendLogin(BOB, "bob");
    }

    @Test
    void starttlsFromTheGreetingsCapabilitiesThenCapabilityAgainOverTls() {
        BackendLogin login = login(SslMode.TLS_OUTGOING);
        assertThat(login.onLine("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready"))
                .isEqualTo(new BackendStep.Send("flim07 STARTTLS\r\n"));
        assertThat(login.onLine("flim07 OK Begin TLS")).isEqualTo(new BackendStep.StartTls(""));
        // RFC 3501 §6.2.1: what was learnt in clear (LOGINDISABLED here) is forgotten
        assertThat(login.onTlsStarted()).isEqualTo(new BackendStep.Send("flim08 CAPABILITY\r\n"));
        assertThat(login.onLine("* CAPABILITY IMAP4rev1 LITERAL+")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("flim08 OK done"))
                .isEqualTo(new BackendStep.Send("flim09 LOGIN {3+}\r\nbob {6+}\r\nsecret\r\n"));
    }

    @Test
    void starttlsFromACapabilityCommand() {
        BackendLogin login = login(SslMode.TLS_OUTGOING_FORCE);
        assertThat(login.onLine("* OK ready")).isEqualTo(new BackendStep.Send("flim07 CAPABILITY\r\n"));
        login.onLine("* CAPABILITY IMAP4rev1 STARTTLS");
        assertThat(login.onLine("flim07 OK")).isEqualTo(new BackendStep.Send("flim08 STARTTLS\r\n"));
    }

    @Test
    void starttlsRefusedIsANegotiationFailure() {
        BackendLogin login = login(SslMode.TLS_OUTGOING);
        login.onLine("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready");
        assertThat(login.onLine("flim07 NO not now")).isEqualTo(
                new BackendStep.Failed(FailureReason.NEGOTIATION, "flim07 NO not now", "flim08 LOGOUT\r\n"));
    }

    @Test
    void withoutStarttlsTlsOutgoingLogsInInClear() {
        BackendLogin login = login(SslMode.TLS_OUTGOING);
        assertThat(login.onLine("* OK [CAPABILITY IMAP4rev1] ready"))
                .isEqualTo(new BackendStep.Send("flim07 LOGIN {3}\r\n"));
    }

    @Test
    void withoutStarttlsTlsOutgoingForceFailsClosed() {
        BackendLogin login = login(SslMode.TLS_OUTGOING_FORCE);
        assertThat(login.onLine("* OK [CAPABILITY IMAP4rev1] ready")).isEqualTo(
                new BackendStep.Failed(FailureReason.NEGOTIATION, null, "flim07 LOGOUT\r\n"));
    }
}
