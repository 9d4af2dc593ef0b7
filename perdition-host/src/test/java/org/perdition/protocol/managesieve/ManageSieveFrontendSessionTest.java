package org.perdition.protocol.managesieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.FrontendSession;
import org.perdition.protocol.ProtocolModules;
import org.perdition.config.Protocol;
import org.perdition.protocol.SessionContext;

/** Greeting and login replies (spec §3.6, §3.3.1, §3.3.5) and the output quoting (§3.6.1). */
class ManageSieveFrontendSessionTest {

    private static final Credentials BOB = new Credentials(null, "bob", "bobpw", null);

    private static FrontendSession session(Settings settings, boolean clientTls) {
        return ProtocolModules.forProtocol(Protocol.MANAGESIEVE)
                .newSession(new SessionContext(settings, "mail.example 0002bbb9", clientTls));
    }

    @Test
    void greetingIsTheDefaultCapabilityBlockThenOk() {
        assertThat(session(new Settings(), false).greeting()).isEqualTo(
                "\"IMPLEMENTATION\" \"perdition\"\r\n"
                + "\"SIEVE\" \"comparator-i;octet comparator-i;ascii-casemap fileinto reject envelope "
                + "encoded-character vacation subaddress comparator-i;ascii-numeric relational regex imap4flags "
                + "copy include variables body enotify environment mailbox date\"\r\n"
                + "\"SASL\" \"PLAIN\"\r\n"
                + "\"NOTIFY\" \"mailto\"\r\n"
                + "\"VERSION\" \"1.0\"\r\n"
                + "OK \"perdition ready on mail.example 0002bbb9\"\r\n");
    }

    @Test
    void greetingOffersStartTlsOnlyWithTlsListenInClear() {
        Settings settings = new Settings();
        settings.managesieveCapability = "\"VERSION\" \"1.0\"";
        settings.sslMode.add(SslMode.TLS_LISTEN);
        assertThat(session(settings, false).greeting())
                .isEqualTo("\"VERSION\" \"1.0\"\r\n\"STARTTLS\"\r\nOK \"perdition ready on mail.example 0002bbb9\"\r\n");
        assertThat(session(settings, true).greeting())
                .isEqualTo("\"VERSION\" \"1.0\"\r\nOK \"perdition ready on mail.example 0002bbb9\"\r\n");
    }

    @Test
    void loginRepliesAreQuoted() {
        Settings settings = new Settings();
        FrontendSession session = session(settings, false);
        assertThat(session.loginFailed(BOB, FailureReason.REAUTHENTICATION))
                .isEqualTo("NO \"failed: Re-Authentication Failure\"\r\n");
        assertThat(session.loginFailed(BOB, FailureReason.SASL_UNAVAILABLE))
                .isEqualTo("NO \"failed: SASL mechanism unavailable\"\r\n");
        assertThat(session.loginSucceeded(BOB, "You are so in")).isEqualTo("OK \"You are so in\"\r\n");
        // -O text with quotes and a backslash: escaped (perdition wrote them raw, spec §3.6.1)
        assertThat(session.loginSucceeded(BOB, "say \"hi\" \\o/")).isEqualTo("OK \"say \\\"hi\\\" \\\\o/\"\r\n");
    }

    @Test
    void relayedLinesComeFromTheBackendLoginAndNeverEmpty() {
        FrontendSession session = session(new Settings(), false);
        assertThat(session.relayedBackendReply(BOB, "OK \"Logged in.\"")).isEqualTo("OK \"Logged in.\"\r\n");
        assertThat(session.relayedBackendReply(BOB, null)).isEqualTo("NO \"failed: Re-Authentication Failure\"\r\n");
    }

    @Test
    void connectionLimitSaysBye() {
        assertThat(session(new Settings(), false).connectionLimitReached())
                .isEqualTo("BYE \"Too many connections, try again later\"\r\n");
    }

    @Test
    void quotingUsesLiteralsForLineBreaks() {
        assertThat(SieveQuoting.forClient("a\r\nb")).isEqualTo("{4}\r\na\r\nb");
        assertThat(SieveQuoting.forServer("a\nb")).isEqualTo("{3+}\r\na\nb");
        assertThat(SieveQuoting.forClient("plain")).isEqualTo("\"plain\"");
        assertThat(SieveQuoting.forServer("\"\\")).isEqualTo("\"\\\"\\\\\"");
    }
}
