package org.perdition.benchmark.soak;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A blocking IMAP or POP3 client connection for the soak: greeting, optional STARTTLS/STLS or
 * implicit TLS, login, one-line commands and message reads. Protocol surprises throw
 * {@link SoakFailure} with a kind, so the report can count errors by kind.
 */
final class MailConnection implements AutoCloseable {

    private final boolean imap;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int tag;

    private MailConnection(boolean imap, Socket socket) throws IOException {
        this.imap = imap;
        attach(socket);
    }

    static MailConnection open(Endpoint endpoint, Transport transport, SSLContext tls) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", endpoint.port()), 30_000);
        plain.setSoTimeout(60_000);
        Socket socket = plain;
        if (transport == Transport.IMPLICIT_TLS) {
            socket = handshake(tls, plain);
        }
        MailConnection connection = new MailConnection(endpoint.imap(), socket);
        try {
            connection.expect(connection.line(), "greeting");
            if (transport == Transport.STARTTLS) {
                connection.expect(connection.command(endpoint.imap() ? "STARTTLS" : "STLS"), "starttls");
                connection.attach(handshake(tls, plain));
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** LOGIN (password quoted, RFC 3501 §4.3) or USER/PASS; the final status line. */
    String login(String user, String password) throws IOException {
        if (imap) {
            return command("LOGIN " + user + " \"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        String reply = command("USER " + user);
        return ok(reply) ? command("PASS " + password) : reply;
    }

    /** Sends a command; the tagged (IMAP) or status (POP3) line, untagged IMAP lines skipped. */
    String command(String text) throws IOException {
        String t = send(text);
        while (true) {
            String line = line();
            if (!imap || line.startsWith(t + " ")) {
                return imap ? line.substring(t.length() + 1) : line;
            }
        }
    }

    /** The message: IMAP {@code FETCH n BODY.PEEK[]} (the literal), or POP3 RETR unstuffed. */
    byte[] read(int message) throws IOException {
        if (imap) {
            String t = send("FETCH " + message + " BODY.PEEK[]");
            byte[] body = null;
            while (true) {
                String line = line();
                if (line.startsWith(t + " ")) {
                    expect(line.substring(t.length() + 1), "fetch");
                    if (body == null) {
                        throw new SoakFailure("fetch", "no literal in FETCH answer");
                    }
                    return body;
                }
                int open = line.lastIndexOf('{');
                if (line.endsWith("}\r\n") && open >= 0) {
                    body = in.readNBytes(Integer.parseInt(line.substring(open + 1, line.length() - 3)));
                }
            }
        }
        expect(command("RETR " + message), "retr");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            byte[] line = rawLine();
            if (line.length == 3 && line[0] == '.') {
                return body.toByteArray();
            }
            int from = line[0] == '.' ? 1 : 0;   // RFC 1939 §3 byte-stuffing
            body.write(line, from, line.length - from);
        }
    }

    boolean imap() {
        return imap;
    }

    static boolean ok(String status) {
        return status.startsWith("OK") || status.startsWith("+OK");
    }

    void expect(String status, String kind) {
        if (!ok(status) && !status.startsWith("* OK")) {
            throw new SoakFailure(kind, status.strip());
        }
    }

    /** An abrupt end: RST instead of FIN, like a client whose network vanished. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String send(String text) throws IOException {
        String t = "a" + (++tag);
        out.write(((imap ? t + " " : "") + text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return t;
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
        out = s.getOutputStream();
    }

    private static SSLSocket handshake(SSLContext tls, Socket plain) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
        s.setUseClientMode(true);
        s.startHandshake();
        return s;
    }

    private String line() throws IOException {
        return new String(rawLine(), StandardCharsets.ISO_8859_1);
    }

    private byte[] rawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        throw new EOFException("connection closed after " + line.size() + " bytes of a line");
    }
}
