package org.perdition.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One full IMAP login round trip through the proxy, as a mail client makes it: connect, read the
 * greeting, {@code a LOGIN user password}, wait for {@code a OK}, {@code b LOGOUT}, wait for the
 * tagged reply (or the close), close. A blocking socket per login, no TLS.
 */
final class ImapLogin {

    private static final int TIMEOUT_MILLIS = 30_000;

    private ImapLogin() {
    }

    /** @return whether the greeting was {@code * OK}, the login {@code a OK} and the logout answered */
    static boolean run(int port, String user, String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String greeting = readLine(in);
            if (greeting == null || !greeting.startsWith("* OK")) {
                return false;
            }
            out.write(("a LOGIN " + quoted(user) + " " + quoted(password) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (!tagged(in, "a ").startsWith("a OK")) {
                return false;
            }
            out.write("b LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            tagged(in, "b ");   // "b OK" or the proxy closing after the back-end's BYE
            return true;
        }
    }

    /** An IMAP quoted string (RFC 3501 §4.3), as mail clients send credentials. */
    static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Skips untagged lines; the tagged reply, or "" at end of stream. */
    private static String tagged(InputStream in, String tag) throws IOException {
        for (String line = readLine(in); line != null; line = readLine(in)) {
            if (line.startsWith(tag)) {
                return line;
            }
        }
        return "";
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
            }
            line.write(b);
        }
        return line.size() > 0 ? line.toString(StandardCharsets.ISO_8859_1) : null;
    }
}
