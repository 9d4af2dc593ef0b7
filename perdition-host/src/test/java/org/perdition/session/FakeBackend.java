package org.perdition.session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted back-end for what a real server will not do on purpose: bad greetings, refusals,
 * silence. Records every line it receives.
 */
final class FakeBackend implements AutoCloseable {

    /** What the back-end does with one connection. */
    interface Script {
        void serve(Conversation conversation) throws IOException;
    }

    /** One accepted connection, line oriented. */
    static final class Conversation {
        private final BufferedReader in;
        private final OutputStream out;
        private final List<String> received;

        Conversation(Socket socket, List<String> received) throws IOException {
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            this.out = socket.getOutputStream();
            this.received = received;
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** The next line, or null at end of stream. */
        String read() throws IOException {
            String line = in.readLine();
            if (line != null) {
                received.add(line);
            }
            return line;
        }
    }

    private final ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    FakeBackend(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(20_000);
                    script.serve(new Conversation(socket, received));
                } catch (IOException e) {
                    // closed by the test, or the proxy hung up: both end this conversation
                }
            }
        }, "fake-backend");
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

    /** A POP3 server that accepts {@code password} for any user, then echoes lines back as "+OK echo <line>". */
    static Script pop3Accepting(String password) {
        return c -> {
            c.send("+OK fake POP3 ready\r\n");
            String user = c.read();
            if (user == null || !user.startsWith("USER ")) {
                return;
            }
            c.send("+OK\r\n");
            String pass = c.read();
            if (pass == null) {
                return;
            }
            if (!pass.equals("PASS " + password)) {
                c.send("-ERR [AUTH] bad password\r\n");
                c.read();
                return;
            }
            c.send("+OK logged in\r\n");
            for (String line = c.read(); line != null; line = c.read()) {
                c.send("+OK echo " + line + "\r\n");
                if (line.equals("QUIT")) {
                    return;
                }
            }
        };
    }
}
