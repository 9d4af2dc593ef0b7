package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.perdition.Daemon;
import org.perdition.config.Protocol;

/**
 * Whole client sessions through the running proxy to a real Dovecot, sent the two ways that break
 * naive line handling: everything in one write, and one byte per write.
 */
class PipeliningThroughProxyTest {

    private static final String IMAP_SESSION =
            "a1 CAPABILITY\r\na2 ID NIL\r\na3 LOGIN {5}\r\nalice {7+}\r\nalicepw\r\na4 SELECT INBOX\r\na5 LOGOUT\r\n";
    private static final String POP3_SESSION = "CAPA\r\nNOOP\r\nUSER bob\r\nPASS bobpw\r\nSTAT\r\nQUIT\r\n";

    private static DovecotServer dovecot;
    private static Daemon imapProxy;
    private static Daemon pop3Proxy;

    @BeforeAll
    static void start() throws Exception {
        dovecot = DovecotServer.start();
        imapProxy = ProxyMailTest.startProxy(Protocol.IMAP4, dovecot.imapPort());
        pop3Proxy = ProxyMailTest.startProxy(Protocol.POP3, dovecot.pop3Port());
    }

    @AfterAll
    static void stop() {
        if (imapProxy != null) {
            imapProxy.close();
        }
        if (pop3Proxy != null) {
            pop3Proxy.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    void imapSessionInOneWrite() throws IOException {
        assertImapTranscript(converse(ProxyMailTest.port(imapProxy), IMAP_SESSION, false));
    }

    @Test
    void imapSessionOneBytePerWrite() throws IOException {
        assertImapTranscript(converse(ProxyMailTest.port(imapProxy), IMAP_SESSION, true));
    }

    @Test
    void pop3SessionInOneWrite() throws IOException {
        assertPop3Transcript(converse(ProxyMailTest.port(pop3Proxy), POP3_SESSION, false));
    }

    @Test
    void pop3SessionOneBytePerWrite() throws IOException {
        assertPop3Transcript(converse(ProxyMailTest.port(pop3Proxy), POP3_SESSION, true));
    }

    private static void assertImapTranscript(String transcript) {
        assertThat(transcript)
                .startsWith("* OK [CAPABILITY ")
                .contains("a1 OK CAPABILITY\r\n", "* ID (\"name\" \"perdition\")\r\n", "a2 OK ID completed\r\n",
                        "a3 OK You are so in\r\n", "* 4 EXISTS\r\n")
                .containsPattern("a4 OK \\[READ-WRITE\\] Select completed")
                .containsPattern("a5 OK Logout completed[^\r\n]*\r\n$");
        // a3's literal continuation: one "+" for the synchronising user literal, none for {7+}
        assertThat(transcript.split("\\+ OK ready for additional input", -1)).hasSize(2);
    }

    private static void assertPop3Transcript(String transcript) {
        assertThat(transcript)
                .startsWith("+OK POP3 perditon ready on ")
                .contains("+OK Capability list follows, mate\r\n", "+OK NOOP\r\n", "+OK USER bob set, mate\r\n",
                        "+OK You are so in\r\n")
                .containsPattern("\\+OK 4 \\d+\r\n")
                .containsPattern("\\+OK Logging out[^\r\n]*\r\n$");
    }

    /** Sends {@code session} (all at once, or byte by byte), then reads until the proxy closes. */
    private static String converse(int port, String session, boolean bytewise) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = session.getBytes(StandardCharsets.ISO_8859_1);
            if (bytewise) {
                for (byte b : bytes) {
                    out.write(b);
                    out.flush();
                }
            } else {
                out.write(bytes);
                out.flush();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
