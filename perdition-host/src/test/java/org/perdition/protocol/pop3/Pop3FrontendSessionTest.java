package org.perdition.protocol.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;
import org.perdition.protocol.BackendStep;
import org.perdition.protocol.ClientEvent;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.FrontendSession;
import org.perdition.protocol.SessionContext;

/** The replies around a login (spec §3.3.1, §3.3.5) and the buffer handling of decode. */
class Pop3FrontendSessionTest {

    private static final Credentials BOB = new Credentials(null, "bob", "secret", null);

    private final Settings settings = new Settings();
    private ByteBuf in;

    @AfterEach
    void release() {
        if (in != null) {
            in.release();
        }
    }

    private FrontendSession session() {
        return new Pop3Module().newSession(new SessionContext(settings, "mail.example.org 0002bb17", false));
    }

    private ByteBuf buffer(String text) {
        in = Unpooled.copiedBuffer(Pop3Transcript.bytes(text));
        return in;
    }

    @Test
    void greetsLikePerdition() {
        assertThat(session().greeting()).isEqualTo("+OK POP3 perditon ready on mail.example.org 0002bb17\r\n");
    }

    @Test
    void loginFailedNamesTheReason() {
        FrontendSession session = session();

        assertThat(session.loginFailed(BOB, FailureReason.COULD_NOT_CONNECT))
                .isEqualTo("-ERR failed: Could not connect to server\r\n");
        assertThat(session.loginFailed(BOB, FailureReason.NEGOTIATION))
                .isEqualTo("-ERR failed: Connection Negotiation Failure\r\n");
        assertThat(session.loginFailed(BOB, FailureReason.LOGIN_DISABLED)).isEqualTo("-ERR failed: Login Disabled\r\n");
    }

    @Test
    void localAuthenticationFailureUsesThePamText() {
        assertThat(session().loginFailed(BOB, FailureReason.LOCAL_AUTHENTICATION))
                .isEqualTo("-ERR Authentication failure, mate\r\n");
    }

    @Test
    void loginSucceededSendsTheOkLine() {
        assertThat(session().loginSucceeded(BOB, "You are so in")).isEqualTo("+OK You are so in\r\n");
    }

    @Test
    void relaysTheBackendLineVerbatim() {
        assertThat(session().relayedBackendReply(BOB, "-ERR [AUTH] bad password"))
                .isEqualTo("-ERR [AUTH] bad password\r\n");
        assertThat(session().relayedBackendReply(BOB, "+OK Logged in.")).isEqualTo("+OK Logged in.\r\n");
    }

    @Test
    void relayWithoutABackendLineSendsTheFailureTextNotGarbage() {
        // Bug B2: perdition sent 6 bytes of heap here.
        assertThat(session().relayedBackendReply(BOB, null)).isEqualTo("-ERR failed: Re-Authentication Failure\r\n");
        assertThat(session().relayedBackendReply(BOB, "")).isEqualTo("-ERR failed: Re-Authentication Failure\r\n");
    }

    /** -o relays one line only: a bare CR or NUL cannot start a second reply, and RFC 1939's 512 bytes hold. */
    @Test
    void relayedLineIsSanitisedAndCapped() {
        assertThat(session().relayedBackendReply(BOB, "-ERR no\r+OK forged\u0000"))
                .isEqualTo("-ERR no +OK forged \r\n");
        String relayed = session().relayedBackendReply(BOB, "-ERR " + "y".repeat(5000));
        assertThat(relayed).hasSize(512).startsWith("-ERR yyy").endsWith("y\r\n");
        assertThat(session().relayedBackendReply(BOB, "\r\n")).isEqualTo("-ERR failed: Re-Authentication Failure\r\n");
    }

    @Test
    void refusesConnectionsOverTheLimitPolitely() {
        assertThat(session().connectionLimitReached()).isEqualTo("-ERR Too many connections, try again later\r\n");
    }

    @Test
    void bytesPipelinedBehindPassStayInTheBuffer() {
        FrontendSession session = session();
        ByteBuf in = buffer("USER bob\r\nPASS secret\r\nSTAT\r\nLIST\r\n");

        assertThat(session.decode(in)).isEqualTo(new ClientEvent.Reply("+OK USER bob set, mate\r\n"));
        assertThat(session.decode(in)).isEqualTo(new ClientEvent.Login(BOB));

        assertThat(in.toString(StandardCharsets.ISO_8859_1)).isEqualTo("STAT\r\nLIST\r\n");
    }

    @Test
    void incompleteLineConsumesNothing() {
        FrontendSession session = session();
        ByteBuf in = buffer("USER bo");

        assertThat(session.decode(in)).isNull();
        assertThat(in.readerIndex()).isZero();
    }

    @Test
    void echoesA4080ByteUserNameWholeWithItsCrlf() {
        // Bug B1: perdition sent 4101 bytes ending in NULs and no CRLF for this.
        String name = "u".repeat(4080);
        ClientEvent event = session().decode(buffer("USER " + name + "\r\n"));

        assertThat(event).isInstanceOf(ClientEvent.Reply.class);
        String reply = ((ClientEvent.Reply) event).text();
        assertThat(reply).isEqualTo("+OK USER " + name + " set, mate\r\n");
        assertThat(reply).hasSize(4080 + "+OK USER  set, mate\r\n".length());
    }

    @Test
    void lineOverTheCapClosesAndConsumesNothing() {
        settings.maxLineLength = 4096;
        ByteBuf in = buffer("USER " + "u".repeat(4095) + "\r\n");

        assertThat(session().decode(in)).isEqualTo(new ClientEvent.Close("-ERR Line too long, mate\r\n"));
        assertThat(in.readerIndex()).isZero();
    }

    @Test
    void lineExactlyAtTheCapIsAccepted() {
        settings.maxLineLength = 32;
        String name = "u".repeat(32 - "USER \r\n".length());

        assertThat(session().decode(buffer("USER " + name + "\r\n")))
                .isEqualTo(new ClientEvent.Reply("+OK USER " + name + " set, mate\r\n"));
    }

    @Test
    void passwordLongerThanPerditionsTokenIsKeptWhole() {
        // Bug B31: perdition split tokens at 4096 bytes and re-joined them with a space.
        FrontendSession session = session();
        String password = "p".repeat(5000);
        ByteBuf in = buffer("USER bob\r\nPASS " + password + "\r\n");
        session.decode(in);

        assertThat(session.decode(in)).isEqualTo(new ClientEvent.Login(new Credentials(null, "bob", password, null)));
    }

    @Test
    void backendLoginUsesTheRemoteNameAndTheClientsPassword() {
        var login = session().newBackendLogin(new Credentials(null, "bob@example.org", "pw", null), "bob");

        assertThat(login.onConnect()).isNull();
        assertThat(login.onLine("+OK Dovecot ready.")).isEqualTo(new BackendStep.Send("USER bob\r\n"));
        assertThat(login.onLine("+OK")).isEqualTo(new BackendStep.Send("PASS pw\r\n"));
    }
}
