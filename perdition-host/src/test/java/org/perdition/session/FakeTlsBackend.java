package org.perdition.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted back-end that can speak TLS: from the first byte (ssl_outgoing) or after its own
 * STLS/STARTTLS go-ahead. Reads byte by byte so nothing read in clear is kept across the switch.
 * Records every line it receives, marking those that came over TLS with a {@code "tls: "} prefix.
 */
final class FakeTlsBackend implements AutoCloseable {

    interface Script {
        void serve(Conversation conversation) throws IOException;
    }

    static final class Conversation {
        private final SSLContext tls;
        private final List<String> received;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Conversation(Socket socket, SSLContext tls, List<String> received) throws IOException {
            this.tls = tls;
            this.received = received;
            use(socket);
        }

        private void use(Socket s) throws IOException {
            socket = s;
            in = s.getInputStream();
            out = s.getOutputStream();
        }

        /** Server-side handshake on the connection as it is now. */
        void startTls() throws IOException {
            SSLSocket wrapped = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, true);
            wrapped.setUseClientMode(false);
            wrapped.startHandshake();
            use(wrapped);
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        String read() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                    received.add((socket instanceof SSLSocket ? "tls: " : "") + text);
                    return text;
                }
                line.write(b);
            }
            return null;
        }
    }

    private final ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    /** @param implicitTls true: every connection handshakes before the script runs (ssl_outgoing) */
    FakeTlsBackend(SSLContext tls, boolean implicitTls, Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(20_000);
                    Conversation conversation = new Conversation(socket, tls, received);
                    if (implicitTls) {
                        conversation.startTls();
                    }
                    script.serve(conversation);
                } catch (IOException e) {
                    // closed by the test, a failed handshake, or the proxy hung up: ends this conversation
                }
            }
        }, "fake-tls-backend");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> received() {
        return received;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /**
     * POP3 with STLS in its CAPA; {@code stlsReply} is written in one piece after STLS (a reply
     * plus injected lines, or a refusal). TLS starts when the reply begins with +OK; the login
     * then accepts {@code password} and echoes lines back.
     */
    static Script pop3WithStls(String stlsReply, String password) {
        return c -> {
            c.send("+OK fake POP3 ready\r\n");
            String line = c.read();
            if ("CAPA".equals(line)) {
                c.send("+OK\r\nUSER\r\nSTLS\r\n.\r\n");
                line = c.read();
            }
            if ("STLS".equals(line)) {
                c.send(stlsReply);
                if (!stlsReply.startsWith("+OK")) {
                    c.read();
                    return;
                }
                c.startTls();
                line = c.read();
            }
            pop3Login(c, line, password);
        };
    }

    /** POP3 whose CAPA does not list STLS. */
    static Script pop3WithoutStls(String password) {
        return c -> {
            c.send("+OK fake POP3 ready\r\n");
            String line = c.read();
            if ("CAPA".equals(line)) {
                c.send("+OK\r\nUSER\r\nUIDL\r\n.\r\n");
                line = c.read();
            }
            pop3Login(c, line, password);
        };
    }

    /** The USER/PASS part; {@code user} is the USER line already read. */
    static void pop3Login(Conversation c, String user, String password) throws IOException {
        if (user == null || !user.startsWith("USER ")) {
            return;
        }
        c.send("+OK user accepted\r\n");
        String pass = c.read();
        if (!("PASS " + password).equals(pass)) {
            c.send("-ERR [AUTH] bad password\r\n");
            c.read();
            return;
        }
        c.send("+OK logged in\r\n");
        for (String line = c.read(); line != null; line = c.read()) {
            c.send("+OK echo " + line + "\r\n");
        }
    }
}
