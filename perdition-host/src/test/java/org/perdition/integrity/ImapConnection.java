package org.perdition.integrity;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking IMAP client that keeps every byte it reads: each command's untagged part
 * (lines and literals, raw) is returned for comparison, and the literals separately.
 */
final class ImapConnection implements AutoCloseable {

    /**
     * One command's answer.
     *
     * @param untagged every byte before the tagged completion line
     * @param literals the {n} literals in order (for FETCH BODY[]: the messages)
     * @param status   the tagged line's status word (OK, NO, BAD)
     */
    record Response(byte[] untagged, List<byte[]> literals, String status) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tag;

    private ImapConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    /** Connects and reads the greeting, which must be {@code * OK}. */
    static ImapConnection open(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, 30_000);
            socket.setSoTimeout(60_000);   // a hang fails the test instead of stalling the build
            ImapConnection connection = new ImapConnection(socket);
            String greeting = connection.line();
            if (!greeting.startsWith("* OK")) {
                throw new IOException("greeting: " + greeting.strip());
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** LOGIN with a quoted password (RFC 3501 §4.3 quoted string: backslash and quote escaped). */
    String login(String user, String password) throws IOException {
        String quoted = "\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return command("LOGIN " + user + " " + quoted).status();
    }

    Response command(String text) throws IOException {
        String t = "a" + (++tag);
        out.write((t + " " + text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        ByteArrayOutputStream untagged = new ByteArrayOutputStream();
        List<byte[]> literals = new ArrayList<>();
        while (true) {
            byte[] line = rawLine();
            String start = new String(line, 0, Math.min(line.length, t.length() + 1), StandardCharsets.ISO_8859_1);
            if (start.equals(t + " ")) {
                String rest = new String(line, t.length() + 1, line.length - t.length() - 1, StandardCharsets.ISO_8859_1);
                return new Response(untagged.toByteArray(), literals, rest.split(" ", 2)[0].strip());
            }
            untagged.writeBytes(line);
            // a line ending in {n} announces n raw bytes, after which the same response goes on
            while (literalLength(line) >= 0) {
                byte[] literal = in.readNBytes(literalLength(line));
                if (literal.length < literalLength(line)) {
                    throw new EOFException("connection closed inside a literal");
                }
                literals.add(literal);
                untagged.writeBytes(literal);
                line = rawLine();
                untagged.writeBytes(line);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String line() throws IOException {
        return new String(rawLine(), StandardCharsets.ISO_8859_1);
    }

    /** One line with its CRLF. */
    private byte[] rawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        throw new EOFException("connection closed after " + line.size() + " bytes of a line: "
                + new String(line.toByteArray(), StandardCharsets.ISO_8859_1));
    }

    /** n when the line ends in {@code {n}CRLF}, else -1. */
    private static int literalLength(byte[] line) {
        int end = line.length - 2;   // before CRLF
        if (end < 2 || line[end] != '\r' || line[end - 1] != '}') {
            return -1;
        }
        int i = end - 2;
        while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
            i--;
        }
        if (i < 0 || line[i] != '{' || i == end - 2) {
            return -1;
        }
        return Integer.parseInt(new String(line, i + 1, end - 2 - i, StandardCharsets.US_ASCII));
    }
}
