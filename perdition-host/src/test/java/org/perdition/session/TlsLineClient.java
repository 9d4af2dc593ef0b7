package org.perdition.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLSocket;
import org.perdition.it.TestCertificate;

/**
 * A raw line client that can switch to TLS (implicitly or after STLS/STARTTLS). Reads byte by
 * byte, so nothing sent in clear is ever buffered across the switch: what it reads after
 * {@link #startTls()} really came over TLS.
 */
final class TlsLineClient implements AutoCloseable {

    private final Socket plain;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    TlsLineClient(InetSocketAddress address, boolean implicitTls) throws IOException, GeneralSecurityException {
        plain = new Socket();
        plain.connect(address, 5_000);
        plain.setSoTimeout(15_000);
        use(plain);
        if (implicitTls) {
            startTls();
        }
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    /** Handshakes over the connection as it is now. */
    void startTls() throws IOException, GeneralSecurityException {
        SSLSocket tls = (SSLSocket) TestCertificate.trustingClientContext().getSocketFactory()
                .createSocket(plain, "localhost", plain.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
    }

    boolean isTls() {
        return socket instanceof SSLSocket;
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The next line without CRLF, or null at end of stream. */
    String read() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    String ask(String line) throws IOException {
        send(line + "\r\n");
        return read();
    }

    /** Lines up to and including the first that starts with {@code prefix}. */
    java.util.List<String> readUntil(String prefix) throws IOException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (String line = read(); line != null; line = read()) {
            lines.add(line);
            if (line.startsWith(prefix)) {
                break;
            }
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
