package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.AuthenticationFailedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dovecot fixture itself, checked with Angus Mail talking DIRECTLY to Dovecot: the through-proxy
 * tests ({@link ProxyMailTest}) compare against exactly this.
 */
class DovecotFixtureTest {

    private static DovecotServer dovecot;

    @BeforeAll
    static void startDovecot() throws Exception {
        dovecot = DovecotServer.start();
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    void fixtureWritesSmallEightBitAndTenMebibyteMessages() {
        List<TestMessage> inbox = dovecot.messages("alice");
        assertThat(inbox).hasSize(4);
        assertThat(inbox.get(2).text()).contains("caf\u00e9", "Gr\u00fc\u00dfe");
        assertThat(inbox.get(3).size()).isGreaterThanOrEqualTo(10 * 1024 * 1024);
        // the same seed gives the same bytes: expectations never depend on the run
        assertThat(TestMessages.forUser("alice").get(3).bytes()).isEqualTo(inbox.get(3).bytes());
    }

    @Test
    void imapListsInboxWithTheSizesOnDisk() throws Exception {
        int[] sizes = MailClient.imap(dovecot.imapPort()).inboxSizes("alice", "alicepw");
        assertThat(sizes).containsExactly(sizesOf(dovecot.messages("alice")));
    }

    @Test
    void pop3ListsInboxWithTheSizesOnDisk() throws Exception {
        int[] sizes = MailClient.pop3(dovecot.pop3Port()).inboxSizes("bob", "bobpw");
        assertThat(sizes).containsExactly(sizesOf(dovecot.messages("bob")));
    }

    @Test
    void imapFetchBodyReturnsEveryMessageByteForByte() throws Exception {
        Map<String, byte[]> read = MailClient.imap(dovecot.imapPort()).readInbox("alice", "alicepw");
        assertSameAsWritten("alice", read);
    }

    @Test
    void imapPartialFetchReassemblesTheBigMessage() throws Exception {
        Map<String, byte[]> read = MailClient.imapPartialFetch(dovecot.imapPort()).readInbox("bob", "bobpw");
        assertSameAsWritten("bob", read);
    }

    @Test
    void pop3RetrReturnsEveryMessageByteForByte() throws Exception {
        Map<String, byte[]> read = MailClient.pop3(dovecot.pop3Port()).readInbox("bob", "bobpw");
        assertSameAsWritten("bob", read);
    }

    @Test
    void passwordWithSpaceQuoteAndBackslashLogsIn() throws Exception {
        String password = dovecot.password("carol");
        assertThat(password).contains(" ", "\"", "\\");
        assertThat(MailClient.imap(dovecot.imapPort()).readInbox("carol", password)).hasSize(4);
        assertThat(MailClient.pop3(dovecot.pop3Port()).readInbox("carol", password)).hasSize(4);
    }

    @Test
    void wrongPasswordIsRejected() {
        assertThatThrownBy(() -> MailClient.imap(dovecot.imapPort()).connect("alice", "wrong"))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> MailClient.pop3(dovecot.pop3Port()).connect("alice", "wrong"))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void tlsListenersGreet() throws Exception {
        // plain ports offer STARTTLS/STLS because ssl = yes
        assertThat(MailClient.imap(dovecot.imapPort()).connect("alice", "alicepw")
                .toString()).isNotEmpty();
        assertThat(firstLine(dovecot.imapPort())).startsWith("* OK").contains("STARTTLS");
        assertThat(Files.readString(dovecot.certificate())).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void aSecondInstanceRunsBesideTheFirstAndLeavesNothingBehind() throws Exception {
        Path secondDir;
        int secondPort;
        try (DovecotServer second = DovecotServer.start()) {
            secondDir = second.dir();
            secondPort = second.imapPort();
            assertThat(secondDir).isNotEqualTo(dovecot.dir());
            assertThat(secondPort).isNotEqualTo(dovecot.imapPort());
            assertThat(firstLine(secondPort)).startsWith("* OK");
            assertThat(firstLine(dovecot.imapPort())).startsWith("* OK");
        }
        assertThat(secondDir).doesNotExist();
        assertThatThrownBy(() -> firstLine(secondPort)).isInstanceOf(ConnectException.class);
        assertThat(firstLine(dovecot.imapPort())).startsWith("* OK");
    }

    private static void assertSameAsWritten(String user, Map<String, byte[]> read) {
        List<TestMessage> written = dovecot.messages(user);
        assertThat(read.keySet()).containsExactlyElementsOf(written.stream().map(TestMessage::messageId).toList());
        for (TestMessage message : written) {
            byte[] got = read.get(message.messageId());
            // compare lengths first: a byte-array diff of 10 MiB is unreadable
            assertThat(got.length).as("size of %s", message.messageId()).isEqualTo(message.size());
            assertThat(got).as("bytes of %s", message.messageId()).isEqualTo(message.bytes());
        }
    }

    private static int[] sizesOf(List<TestMessage> messages) {
        return messages.stream().mapToInt(TestMessage::size).toArray();
    }

    private static String firstLine(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
        }
    }
}
