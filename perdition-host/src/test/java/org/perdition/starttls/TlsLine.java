package org.perdition.starttls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One end of a line conversation that can switch to TLS (a client of the proxy, or a back-end).
 * Reads byte by byte, so nothing read in clear is ever buffered across the switch: a line read
 * after {@link #startTls} really came over TLS, and is recorded with a {@code "tls: "} prefix.
 */
public final class TlsLine implements AutoCloseable {

    private final Socket plain;
    private final List<String> received;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public TlsLine(Socket plain, List<String> received) throws IOException {
        this.plain = plain;
        this.received = received;
        plain.setSoTimeout(15_000);
        use(plain);
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    /** Handshakes over the connection as it is now, as the TLS client or server. */
    public void startTls(SSLContext context, boolean clientMode) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, "localhost", plain.getPort(), true);
        tls.setUseClientMode(clientMode);
        tls.startHandshake();
        use(tls);
    }

    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    public void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The next line without CRLF, or null at end of stream or on a reset. */
    public String read() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                    received.add((isTls() ? "tls: " : "") + text);
                    return text;
                }
                line.write(b);
            }
        } catch (SocketException e) {
            return null;
        }
        return null;
    }

    public String ask(String line) throws IOException {
        send(line + "\r\n");
        return read();
    }

    /** Lines up to and including the first that starts with {@code prefix} (or to the end). */
    public List<String> readUntil(String prefix) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = read(); line != null; line = read()) {
            lines.add(line);
            if (line.startsWith(prefix)) {
                break;
            }
        }
        return lines;
    }

    /** Reads until the other side closes. */
    public void drain() throws IOException {
        while (read() != null) {
            // keep reading
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        plain.close();
    }
}
