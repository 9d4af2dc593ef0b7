package org.perdition.integrity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Generates the integrity suite's accounts: {@code u0001 ... uNNNN}, each with a random token and
 * three messages whose headers and bodies carry the user's name and token.
 *
 * <p>Sizes vary from a few hundred bytes to about 200 KB (one user in four has a large third
 * message), so sessions end at different times and responses cross the proxy's buffers in
 * different places. The second message has lines that start with a dot and a line that is only a
 * dot (POP3 dot-stuffing) and 8-bit bytes; the third is a base64 attachment of random bytes.
 */
final class Mailboxes {

    private static final String CRLF = "\r\n";
    private static final HexFormat HEX = HexFormat.of();

    private final Random random;

    /** @param seed logged by the test, so a failing run can be regenerated */
    Mailboxes(long seed) {
        this.random = new Random(seed);
    }

    List<UserMailbox> generate(int count) {
        List<UserMailbox> users = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String user = String.format("u%04d", i);
            String token = "tok-" + HEX.formatHex(bytes(8));
            List<byte[]> messages = List.of(
                    text(user, token, 1, between(200, 1_000), false),
                    text(user, token, 2, between(1_000, 20_000), true),
                    attachment(user, token, i % 4 == 0 ? between(20_000, 200_000) : between(2_000, 20_000)));
            users.add(new UserMailbox(user, password(i), token, messages));
        }
        return users;
    }

    /** Every tenth password needs IMAP quoting (space, quote, backslash); POP3 takes the rest of the line. */
    private String password(int i) {
        String base = "pw-" + HEX.formatHex(bytes(6));
        return i % 10 == 0 ? "p w\"\\" + base : base;
    }

    private byte[] text(String user, String token, int n, int size, boolean tricky) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 200);
        write(out, headers(user, token, n) + CRLF);
        int line = 0;
        while (out.size() < size) {
            line++;
            String filler = HEX.formatHex(bytes(between(4, 30)));
            if (tricky && line % 7 == 0) {
                write(out, "." + CRLF);                                   // a lone dot: must be stuffed
            } else if (tricky && line % 5 == 0) {
                write(out, ".." + user + " " + filler + CRLF);            // leading dots
            } else if (tricky && line % 11 == 0) {
                out.writeBytes(("Gr\u00fc\u00dfe " + user + " caf\u00e9 " + filler + CRLF)
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                write(out, user + " " + token + " line " + line + " " + filler + CRLF);
            }
        }
        write(out, "end of message " + n + " for " + user + " " + token + CRLF);
        return out.toByteArray();
    }

    private byte[] attachment(String user, String token, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 400);
        write(out, headers(user, token, 3)
                + "MIME-Version: 1.0" + CRLF
                + "Content-Type: multipart/mixed; boundary=b" + CRLF
                + CRLF
                + "--b" + CRLF
                + "Content-Type: text/plain" + CRLF
                + CRLF
                + "attachment for " + user + " " + token + CRLF
                + "--b" + CRLF
                + "Content-Type: application/octet-stream" + CRLF
                + "Content-Transfer-Encoding: base64" + CRLF
                + CRLF);
        byte[] chunk = new byte[57];   // 57 raw bytes = one 76-character base64 line (RFC 2045 §6.8)
        Base64.Encoder encoder = Base64.getEncoder();
        while (out.size() < size) {
            random.nextBytes(chunk);
            write(out, encoder.encodeToString(chunk) + CRLF);
        }
        write(out, "--b--" + CRLF);
        return out.toByteArray();
    }

    private static String headers(String user, String token, int n) {
        return "From: sender" + n + "@example.org" + CRLF
                + "To: " + user + "@example.org" + CRLF
                + "Subject: message " + n + " for " + user + " " + token + CRLF
                + "Date: Mon, 01 Jan 2024 00:00:0" + n + " +0000" + CRLF
                + "Message-ID: <" + n + "." + token + "@example.org>" + CRLF
                + "X-Integrity-Token: " + token + CRLF;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private int between(int low, int high) {
        return low + random.nextInt(high - low);
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
