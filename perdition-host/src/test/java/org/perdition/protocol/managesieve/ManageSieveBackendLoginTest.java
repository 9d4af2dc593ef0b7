package org.perdition.protocol.managesieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.protocol.BackendLogin;
import org.perdition.protocol.BackendStep;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.FrontendSession;
import org.perdition.protocol.SaslPlain;
import org.perdition.protocol.SessionContext;

/** The back-end dialogue (spec §3.6), driven line by line as the session core does. */
class ManageSieveBackendLoginTest {

    private static final Credentials BOB = new Credentials(null, "bob", "bobpw", null);
    private static final String AUTH_BOB = "AUTHENTICATE \"PLAIN\" \"AGJvYgBib2Jwdw==\"\r\n";
    private static final BackendStep.Send LOGOUT_SENT = new BackendStep.Send("LOGOUT\r\n");

    private static FrontendSession session(SslMode... modes) {
        Settings settings = new Settings();
        settings.sslMode.addAll(List.of(modes));
        return new ManageSieveModule().newSession(new SessionContext(settings, "proxy 0002bbb9", false));
    }

    private static BackendLogin login(SslMode... modes) {
        return session(modes).newBackendLogin(BOB, "bob");
    }

    /** Dovecot's greeting, minus a few lines. */
    private static void greet(BackendLogin login, String... extra) {
        assertThat(login.onConnect()).isNull();
        assertThat(login.onLine("\"IMPLEMENTATION\" \"Dovecot Pigeonhole\"")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("\"SIEVE\" \"fileinto reject envelope\"")).isEqualTo(BackendStep.WAIT);
        for (String line : extra) {
            assertThat(login.onLine(line)).isEqualTo(BackendStep.WAIT);
        }
        assertThat(login.onLine("\"VERSION\" \"1.0\"")).isEqualTo(BackendStep.WAIT);
    }

    @Test
    void logsInWithPlain() {
        BackendLogin login = login();
        greet(login, "\"SASL\" \"PLAIN LOGIN\"");
        assertThat(login.onLine("OK \"Dovecot ready.\"")).isEqualTo(new BackendStep.Send(AUTH_BOB));
        assertThat(login.onLine("OK \"Logged in.\"")).isEqualTo(new BackendStep.Succeeded("OK \"Logged in.\""));
    }

    @Test
    void plainMustReallyBeListed() {
        // perdition's inverted test took any SASL value as PLAIN (bug B16)
        BackendLogin login = login();
        greet(login, "\"SASL\" \"LOGIN PLAINISH\"");
        assertThat(login.onLine("OK \"ready\""))
                .isEqualTo(new BackendStep.Failed(FailureReason.SASL_UNAVAILABLE, null, null));
    }

    @Test
    void noSaslLineIsSaslUnavailable() {
        BackendLogin login = login();
        greet(login);
        assertThat(login.onLine("OK")).isEqualTo(new BackendStep.Failed(FailureReason.SASL_UNAVAILABLE, null, null));
    }

    @Test
    void plainInAnyCaseAndPosition() {
        BackendLogin login = login();
        greet(login, "\"sasl\" \"LOGIN plain\"");
        assertThat(login.onLine("OK")).isEqualTo(new BackendStep.Send(AUTH_BOB));
    }

    @Test
    void refusalSendsLogoutAndKeepsTheLineForMinusO() {
        BackendLogin login = login();
        greet(login, "\"SASL\" \"PLAIN\"");
        login.onLine("OK \"ready\"");
        assertThat(login.onLine("NO \"Authentication failed.\"")).isEqualTo(new BackendStep.Failed(
                FailureReason.REAUTHENTICATION, "NO \"Authentication failed.\"", "LOGOUT\r\n"));
    }

    @Test
    void aResponseCodeIsKeptAndTheTextRequoted() {
        BackendLogin login = login();
        greet(login, "\"SASL\" \"PLAIN\"");
        login.onLine("OK");
        assertThat(login.onLine("NO (AUTH-TOO-WEAK \"x)y\") \"say \\\"no\\\"\""))
                .isEqualTo(new BackendStep.Failed(FailureReason.REAUTHENTICATION,
                        "NO (AUTH-TOO-WEAK \"x)y\") \"say \\\"no\\\"\"", "LOGOUT\r\n"));
    }

    @Test
    void aGreetingThatIsNotOkFails() {
        BackendLogin login = login();
        assertThat(login.onLine("BYE \"Too many connections\"")).isEqualTo(new BackendStep.Failed(
                FailureReason.NEGOTIATION, "BYE \"Too many connections\"", "LOGOUT\r\n"));
        BackendLogin lower = login();
        assertThat(lower.onLine("ok")).isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, "ok", "LOGOUT\r\n"));
    }

    @Test
    void ourOwnGreetingIsALoop() {
        FrontendSession session = session();
        String greeting = session.greeting();
        BackendLogin login = session.newBackendLogin(BOB, "bob");
        BackendStep last = null;
        for (String line : greeting.split("\r\n")) {
            last = login.onLine(line);
        }
        assertThat(greeting).endsWith("OK \"perdition ready on proxy 0002bbb9\"\r\n");
        assertThat(last).isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION,
                "OK \"perdition ready on proxy 0002bbb9\"", "LOGOUT\r\n"));
        // another proxy's greeting (another checksum) is no loop
        BackendLogin other = session.newBackendLogin(BOB, "bob");
        other.onLine("\"SASL\" \"PLAIN\"");
        assertThat(other.onLine("OK \"perdition ready on proxy 0002bbba\"")).isEqualTo(new BackendStep.Send(AUTH_BOB));
    }

    @Test
    void aChallengeIsCancelledNotMisread() {
        BackendLogin login = login();
        greet(login, "\"SASL\" \"PLAIN\"");
        login.onLine("OK");
        assertThat(login.onLine("\"\"")).isEqualTo(new BackendStep.Send("\"*\"\r\n"));
        assertThat(login.onLine("NO \"Cancelled\"")).isEqualTo(new BackendStep.Failed(
                FailureReason.REAUTHENTICATION, "NO \"Cancelled\"", "LOGOUT\r\n"));
    }

    @Test
    void literalsInRepliesAreReadWhole() {
        BackendLogin login = login();
        // a capability value as a literal, then a NO whose text is a literal with CRLFs in it
        assertThat(login.onLine("\"SASL\" {5}")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("PLAIN")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("OK {4}")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("OK")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("")).isEqualTo(new BackendStep.Send(AUTH_BOB));
        assertThat(login.onLine("NO {10}")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("OK bad")).isEqualTo(BackendStep.WAIT);   // not a status: literal bytes
        assertThat(login.onLine("no")).isEqualTo(new BackendStep.Failed(FailureReason.REAUTHENTICATION,
                "NO {10}\r\nOK bad\r\nno", "LOGOUT\r\n"));
    }

    @Test
    void aLiteralChallengeIsCancelledToo() {
        BackendLogin login = login();
        greet(login, "\"SASL\" \"PLAIN\"");
        login.onLine("OK");
        assertThat(login.onLine("{4}")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("OK x")).isEqualTo(new BackendStep.Send("\"*\"\r\n"));
        assertThat(login.onLine("OK")).isEqualTo(new BackendStep.Failed(FailureReason.REAUTHENTICATION, "OK",
                "LOGOUT\r\n"));
    }

    @Test
    void aHugeLiteralIsADesync() {
        BackendLogin login = login();
        assertThat(login.onLine("\"SASL\" {999999999}"))
                .isEqualTo(new BackendStep.Failed(FailureReason.NEGOTIATION, null, null));
    }

    @Test
    void remoteUserReplacesTheAuthzidWhenThereIsOne() {
        FrontendSession session = session();
        BackendLogin withAuthzid = session.newBackendLogin(new Credentials("admin", "bob", "pw", null), "carol");
        withAuthzid.onLine("\"SASL\" \"PLAIN\"");
        assertThat(withAuthzid.onLine("OK")).isEqualTo(new BackendStep.Send(
                "AUTHENTICATE \"PLAIN\" \"" + SaslPlain.encode("carol", "bob", "pw") + "\"\r\n"));
        BackendLogin plain = session.newBackendLogin(new Credentials(null, "bob", "pw", null), "carol");
        plain.onLine("\"SASL\" \"PLAIN\"");
        assertThat(plain.onLine("OK")).isEqualTo(new BackendStep.Send(
                "AUTHENTICATE \"PLAIN\" \"" + SaslPlain.encode(null, "carol", "pw") + "\"\r\n"));
    }

    @Test
    void startTlsThenCapabilitiesAgain() {
        BackendLogin login = login(SslMode.TLS_OUTGOING);
        greet(login, "\"STARTTLS\"");
        assertThat(login.onLine("OK \"ready\"")).isEqualTo(new BackendStep.Send("STARTTLS\r\n"));
        assertThat(login.onLine("OK \"Begin TLS negotiation now.\"")).isEqualTo(new BackendStep.StartTls(""));
        assertThat(login.onTlsStarted()).isEqualTo(BackendStep.WAIT);
        // RFC 5804 §2.2: capabilities again, SASL only now
        assertThat(login.onLine("\"SASL\" \"PLAIN\"")).isEqualTo(BackendStep.WAIT);
        assertThat(login.onLine("OK \"TLS done\"")).isEqualTo(new BackendStep.Send(AUTH_BOB));
        assertThat(login.onLine("OK")).isEqualTo(new BackendStep.Succeeded("OK"));
    }

    @Test
    void saslLearntInClearIsForgottenAfterTls() {
        BackendLogin login = login(SslMode.TLS_OUTGOING);
        greet(login, "\"STARTTLS\"", "\"SASL\" \"PLAIN\"");
        login.onLine("OK");
        login.onLine("OK");
        login.onTlsStarted();
        assertThat(login.onLine("OK")).isEqualTo(new BackendStep.Failed(FailureReason.SASL_UNAVAILABLE, null, null));
    }

    @Test
    void startTlsRefusedFails() {
        BackendLogin login = login(SslMode.TLS_OUTGOING);
        greet(login, "\"STARTTLS\"", "\"SASL\" \"PLAIN\"");
        login.onLine("OK");
        assertThat(login.onLine("NO \"not now\"")).isEqualTo(
                new BackendStep.Failed(FailureReason.NEGOTIATION, "NO \"not now\"", "LOGOUT\r\n"));
    }

    @Test
    void withoutStartTlsTlsOutgoingLogsInInClearAndForceRefuses() {
        BackendLogin optional = login(SslMode.TLS_OUTGOING);
        greet(optional, "\"SASL\" \"PLAIN\"");
        assertThat(optional.onLine("OK")).isEqualTo(new BackendStep.Send(AUTH_BOB));
        BackendLogin forced = login(SslMode.TLS_OUTGOING, SslMode.TLS_OUTGOING_FORCE);
        greet(forced, "\"SASL\" \"PLAIN\"");
        assertThat(forced.onLine("OK"))
                .isEqualTo(new BackendStep.Failed(FailureReason.TLS_NOT_PRESENT, null, "LOGOUT\r\n"));
    }

    @Test
    void longCredentialsGoAsOneQuotedBase64String() {
        String password = "p".repeat(5000);
        BackendLogin login = session().newBackendLogin(new Credentials(null, "bob", password, null), "bob");
        login.onLine("\"SASL\" \"PLAIN\"");
        assertThat(login.onLine("OK")).isEqualTo(new BackendStep.Send(
                "AUTHENTICATE \"PLAIN\" \"" + SaslPlain.encode(null, "bob", password) + "\"\r\n"));
    }
}
