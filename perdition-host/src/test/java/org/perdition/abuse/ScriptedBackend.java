package org.perdition.abuse;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A back-end that misbehaves on purpose (issue 9, "Faults"), one thread per connection so a silent
 * conversation does not hold up the next. Counts the connections still open on its side: once the
 * proxy is done with a session, that count must fall back to zero (no leaked back-end channel).
 */
public final class ScriptedBackend implements AutoCloseable {

    /** What the back-end does with one connection; returning closes it. */
    public interface Script {
        void serve(Conversation conversation) throws IOException, InterruptedException;
    }

    /** One accepted connection, line oriented (Latin-1). */
    public static final class Conversation {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;
        private final List<String> received;

        Conversation(Socket socket, List<String> received) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            this.out = socket.getOutputStream();
            this.received = received;
        }

        public void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        public String read() throws IOException {
            String line = in.readLine();
            if (line != null) {
                received.add(line);
            }
            return line;
        }

        /** Dies at once: an RST rather than a FIN, as a crashed server's kernel would send. */
        public void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        /** Reads until the proxy closes its side: a back-end that simply waits. */
        public void drain() throws IOException {
            while (read() != null) {
                // keep reading
            }
        }
    }

    private final ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    public ScriptedBackend(Script script) throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.incrementAndGet();
                    open.incrementAndGet();
                    Thread serving = new Thread(() -> serve(script, socket), "scripted-backend-conversation");
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException e) {
                    // closed by the test
                }
            }
        }, "scripted-backend");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve(Script script, Socket socket) {
        try (socket) {
            socket.setSoTimeout(20_000);
            script.serve(new Conversation(socket, received));
        } catch (IOException | InterruptedException e) {
            // the proxy hung up, or the script died on purpose
        } finally {
            open.decrementAndGet();
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    public List<String> received() {
        return received;
    }

    public int openConnections() {
        return open.get();
    }

    public int acceptedConnections() {
        return accepted.get();
    }

    /** Waits (bounded) until every conversation has ended; true when none is left open. */
    public boolean awaitAllClosed() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (open.get() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        return open.get() == 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** A POP3 server that accepts {@code password} for any user, then echoes lines as "+OK echo <line>". */
    public static Script pop3Accepting(String password) {
        return c -> {
            c.send("+OK fake POP3 ready\r\n");
            pop3AfterGreeting(c, password);
        };
    }

    public static void pop3AfterGreeting(Conversation c, String password) throws IOException {
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
            c.drain();
            return;
        }
        c.send("+OK logged in\r\n");
        echo(c, "+OK echo ");
    }

    static void echo(Conversation c, String prefix) throws IOException {
        for (String line = c.read(); line != null; line = c.read()) {
            c.send(prefix + line + "\r\n");
            if (line.equals("QUIT") || line.endsWith(" LOGOUT")) {
                return;
            }
        }
    }

    /**
     * An IMAP server announcing LITERAL+ in its greeting, so the proxy logs in with
     * {@code tag LOGIN {n+}} literals and no CAPABILITY round trip; then "<tag> OK echo".
     */
    public static Script imapAccepting(String password) {
        return c -> {
            c.send("* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] fake IMAP ready\r\n");
            imapAfterGreeting(c, password);
        };
    }

    /** The IMAP login and echo, after a greeting that announced LITERAL+. */
    public static void imapAfterGreeting(Conversation c, String password) throws IOException {
        String login = c.read();
        if (login == null) {
            return;
        }
        String tag = login.split(" ", 2)[0];
        if (!login.contains(" LOGIN ")) {
            c.send(tag + " BAD expected LOGIN\r\n");
            c.drain();
            return;
        }
        c.read();   // the user name literal's line: "bob {6+}"
        String pass = c.read();
        if (!password.equals(pass)) {
            c.send(tag + " NO [AUTHENTICATIONFAILED] bad password\r\n");
            c.drain();
            return;
        }
        c.send(tag + " OK logged in\r\n");
        for (String line = c.read(); line != null; line = c.read()) {
            String[] words = line.split(" ", 2);
            c.send(words[0] + " OK echo " + (words.length > 1 ? words[1] : "") + "\r\n");
            if (line.toUpperCase().endsWith(" LOGOUT")) {
                return;
            }
        }
    }

    /** A ManageSieve server's greeting: capabilities, SASL PLAIN, then OK (RFC 5804 §1.7). */
    public static final String SIEVE_GREETING = "\"IMPLEMENTATION\" \"fake\"\r\n\"SASL\" \"PLAIN\"\r\nOK \"fake ready\"\r\n";

    /** A ManageSieve server that accepts {@code password} for any user, then answers each line "OK \"echo <line>\"". */
    public static Script sieveAccepting(String password) {
        return c -> {
            c.send(SIEVE_GREETING);
            sieveAfterGreeting(c, password);
        };
    }

    /** The ManageSieve login ({@code AUTHENTICATE "PLAIN" "<base64>"}, one line) and echo. */
    public static void sieveAfterGreeting(Conversation c, String password) throws IOException {
        String login = c.read();
        if (login == null || !login.startsWith("AUTHENTICATE ")) {
            return;
        }
        String[] words = login.split("\"");
        String plain = words.length > 3 ? new String(java.util.Base64.getDecoder().decode(words[3]),
                StandardCharsets.ISO_8859_1) : "";
        if (!plain.endsWith("\0" + password)) {
            c.send("NO \"bad password\"\r\n");
            c.drain();
            return;
        }
        c.send("OK \"logged in\"\r\n");
        for (String line = c.read(); line != null; line = c.read()) {
            c.send("OK \"echo " + line.replace("\"", "") + "\"\r\n");
            if (line.equals("LOGOUT")) {
                return;
            }
        }
    }
}
