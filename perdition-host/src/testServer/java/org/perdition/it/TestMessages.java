package org.perdition.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * The messages every fixture user finds in INBOX: three small ones (one with raw 8-bit UTF-8 in a
 * header and in the body) and one of at least 10 MiB, a base64 attachment of seeded random bytes.
 * Generated here rather than shipped, so the test resources stay small and the content is known.
 */
public final class TestMessages {

    /** The large message is at least this long; big enough to cross every buffer a proxy has. */
    public static final int BIG_MESSAGE_MIN_BYTES = 10 * 1024 * 1024;

    private static final long SEED = 0x5045524449L;   // "PERDI": fixed, so runs are reproducible
    private static final String CRLF = "\r\n";

    private TestMessages() {
    }

    /** Fresh copies of the four messages for {@code user}, in INBOX order. */
    public static List<TestMessage> forUser(String user) {
        return List.of(
                small(user, 1, "hello", "first message" + CRLF),
                small(user, 2, "second", "second message" + CRLF + "with two lines" + CRLF),
                eightBit(user),
                big(user));
    }

    private static TestMessage small(String user, int n, String subject, String body) {
        String id = messageId(user, n);
        String text = headers(user, n, subject, id) + CRLF + body;
        return new TestMessage(id, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Raw UTF-8 in the Subject and body (RFC 6532 style): the proxy must pass 8-bit bytes untouched. */
    private static TestMessage eightBit(String user) {
        String id = messageId(user, 3);
        String text = headers(user, 3, "unicode caf\u00e9 \u2603", id)
                + "MIME-Version: 1.0" + CRLF
                + "Content-Type: text/plain; charset=utf-8" + CRLF
                + "Content-Transfer-Encoding: 8bit" + CRLF
                + CRLF
                + "Gr\u00fc\u00dfe aus K\u00f6ln, caf\u00e9 \u00e0 \u00a3 \u20ac" + CRLF;
        return new TestMessage(id, text.getBytes(StandardCharsets.UTF_8));
    }

    private static TestMessage big(String user) {
        String id = messageId(user, 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream(BIG_MESSAGE_MIN_BYTES + 64 * 1024);
        write(out, headers(user, 4, "big 10MiB", id)
                + "MIME-Version: 1.0" + CRLF
                + "Content-Type: multipart/mixed; boundary=b" + CRLF
                + CRLF
                + "--b" + CRLF
                + "Content-Type: text/plain" + CRLF
                + CRLF
                + "see attachment" + CRLF
                + "--b" + CRLF
                + "Content-Type: application/octet-stream" + CRLF
                + "Content-Transfer-Encoding: base64" + CRLF
                + CRLF);
        // 57 raw bytes = one 76-character base64 line (RFC 2045 §6.8)
        Random random = new Random(SEED);
        byte[] chunk = new byte[57];
        Base64.Encoder encoder = Base64.getEncoder();
        while (out.size() < BIG_MESSAGE_MIN_BYTES) {
            random.nextBytes(chunk);
            write(out, encoder.encodeToString(chunk) + CRLF);
        }
        write(out, "--b--" + CRLF);
        return new TestMessage(id, out.toByteArray());
    }

    private static String headers(String user, int n, String subject, String messageId) {
        return "From: sender" + n + "@example.org" + CRLF
                + "To: " + user + "@example.org" + CRLF
                + "Subject: " + subject + CRLF
                + "Date: Mon, 01 Jan 2024 00:00:0" + n + " +0000" + CRLF
                + "Message-ID: " + messageId + CRLF;
    }

    private static String messageId(String user, int n) {
        return "<test" + n + "." + user + "@example.org>";
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
