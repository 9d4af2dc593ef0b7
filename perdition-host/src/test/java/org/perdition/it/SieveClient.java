package org.perdition.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * A raw ManageSieve client (RFC 5804) for tests that must see every line: responses are read up
 * to their OK, NO or BYE line. Literals in responses are not interpreted (the tests' scripts and
 * replies have none where it matters).
 */
final class SieveClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private SieveClient(Socket socket) throws IOException {
        use(socket);
    }

    static SieveClient connect(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            return new SieveClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Lines up to and including the first OK/NO/BYE line. */
    List<String> response() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("connection closed after " + lines);
            }
            lines.add(line);
            if (line.startsWith("OK") || line.startsWith("NO") || line.startsWith("BYE")) {
                return lines;
            }
        }
    }

    /** The last line of the response. */
    String status() throws IOException {
        List<String> lines = response();
        return lines.get(lines.size() - 1);
    }

    /** Sends {@code text} + CRLF; returns the last line of the response. */
    String command(String text) throws IOException {
        write(text + "\r\n");
        return status();
    }

    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The next line without CRLF, or null at end of stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** After the server's OK to STARTTLS: the handshake, trusting any certificate. */
    void startTls() throws IOException, GeneralSecurityException {
        SSLSocket tls = (SSLSocket) TestCertificate.trustingClientContext().getSocketFactory()
                .createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
