package org.perdition.protocol.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;
import org.perdition.protocol.ClientEvent;
import org.perdition.protocol.Credentials;
import org.perdition.protocol.FailureReason;
import org.perdition.protocol.RelayedLine;
import org.perdition.protocol.SessionContext;

/** Greeting, login replies, what stays unread after LOGIN, and the remembered ID. */
class ImapFrontendSessionTest {

    private final ImapFrontendSession session =
            new ImapFrontendSession(new SessionContext(new Settings(), "localhost 0002bbb9", false));
    private final ByteBuf in = Unpooled.buffer();
    private final Credentials credentials = new Credentials(null, "bob", "secret", "x2");

    @AfterEach
    void release() {
        in.release();
    }

    private ClientEvent decode(String bytes) {
        in.writeCharSequence(bytes, StandardCharsets.ISO_8859_1);
        return session.decode(in);
    }

    @Test
    void greetingCarriesTheCapabilities() {
        assertThat(session.greeting()).isEqualTo(
                "* OK [CAPABILITY IMAP4 IMAP4REV1 AUTH=PLAIN SASL-IR ID LITERAL+] perdition ready on localhost 0002bbb9\r\n");
    }

    @Test
    void loginReplies() {
        assertThat(session.loginFailed(credentials, FailureReason.COULD_NOT_CONNECT))
                .isEqualTo("x2 NO failed: Could not connect to server\r\n");
        assertThat(session.loginSucceeded(credentials, "You are so in")).isEqualTo("x2 OK You are so in\r\n");
        assertThat(session.connectionLimitReached()).isEqualTo("* BYE Too many connections, try again later\r\n");
    }

    /** Spec §3.3.5: the back-end's tag is replaced by the client's. */
    @Test
    void relayedBackendReplyIsRetagged() {
        assertThat(session.relayedBackendReply(credentials, "flim08 OK [CAPABILITY IMAP4rev1 IDLE] Logged in"))
                .isEqualTo("x2 OK [CAPABILITY IMAP4rev1 IDLE] Logged in\r\n");
        assertThat(session.relayedBackendReply(credentials, "flim08 NO [AUTHENTICATIONFAILED] nope"))
                .isEqualTo("x2 NO [AUTHENTICATIONFAILED] nope\r\n");
    }

    /** -o must not let a back-end add lines or overlong replies (spec §3.3.5, bug B2 class). */
    @Test
    void relayedBackendReplyIsOneSafeLine() {
        assertThat(session.relayedBackendReply(credentials, "flim08 NO bad\r* OK [ALERT] injected\u0000"))
                .isEqualTo("x2 NO bad * OK [ALERT] injected \r\n");
        String longText = "x".repeat(10_000);
        assertThat(session.relayedBackendReply(credentials, "flim08 NO " + longText))
                .hasSize("x2".length() + RelayedLine.IMAP_MAX - "flim08".length() + 2)
                .endsWith("x\r\n");
        assertThat(session.relayedBackendReply(credentials, "flim08"))
                .isEqualTo("x2 NO failed: Re-Authentication Failure\r\n");
    }

    @Test
    void localAuthenticationFailureUsesPerditionsPamText() {
        assertThat(session.loginFailed(credentials, FailureReason.LOCAL_AUTHENTICATION))
                .isEqualTo("x2 NO Authentication failure\r\n");
    }

    /** The core hands what follows LOGIN to the back-end (bug B15 fix), so it must stay unread. */
    @Test
    void bytesAfterLoginStayUnread() {
        ClientEvent event = decode("a LOGIN bob {6+}\r\nsecret\r\nb SELECT INBOX\r\nc FETCH");
        assertThat(event).isEqualTo(new ClientEvent.Login(new Credentials(null, "bob", "secret", "a")));
        assertThat(in.toString(StandardCharsets.ISO_8859_1)).isEqualTo("b SELECT INBOX\r\nc FETCH");
    }

    @Test
    void bytesAfterAuthenticateStayUnread() {
        assertThat(decode("a AUTHENTICATE PLAIN\r\nAGJvYgBzZWNyZXQ=\r\nb NOOP\r\n"))
                .isEqualTo(new ClientEvent.Reply("+ \r\n"));
        assertThat(session.decode(in))
                .isEqualTo(new ClientEvent.Login(new Credentials(null, "bob", "secret", "a")));
        assertThat(in.toString(StandardCharsets.ISO_8859_1)).isEqualTo("b NOOP\r\n");
    }

    @Test
    void incompleteCommandsWaitForMoreBytes() {
        assertThat(decode("a LOGIN {3}\r\n")).isEqualTo(new ClientEvent.Reply("+ OK ready for additional input\r\n"));
        assertThat(decode("bo")).isNull();
        assertThat(decode("b {2}")).isNull();
        assertThat(decode("\r\n")).isEqualTo(new ClientEvent.Reply("+ OK ready for additional input\r\n"));
        assertThat(decode("pw\r")).isNull();
        assertThat(decode("\n")).isEqualTo(new ClientEvent.Login(new Credentials(null, "bob", "pw", "a")));
        assertThat(in.readableBytes()).isZero();
    }

    @Test
    void remembersTheClientsId() {
        assertThat(session.clientId()).isEmpty();
        decode("a ID (\"name\" \"Thunderbird\" \"version\" \"115.0\" \"os\" NIL)\r\n");
        assertThat(session.clientId()).containsExactly(
                entry("name", "Thunderbird"), entry("version", "115.0"), entry("os", null));
        decode("b ID NIL\r\n");
        assertThat(session.clientId()).isEmpty();
    }

    @Test
    void malformedIdKeepsTheEarlierOne() {
        decode("a ID (\"name\" \"mutt\")\r\n");
        assertThat(decode("b ID (\"name\")\r\n")).isEqualTo(new ClientEvent.DelayedReply("b BAD Invalid ID, mate\r\n"));
        assertThat(session.clientId()).containsExactly(entry("name", "mutt"));
    }

    @Test
    void credentialsNeverShowThePassword() {
        ClientEvent event = decode("a LOGIN bob hunter2\r\n");
        assertThat(event.toString()).doesNotContain("hunter2");
    }
}
