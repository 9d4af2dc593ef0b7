package org.perdition.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The smallest IMAP back-end the proxy can log in to, so that a login benchmark measures the
 * proxy and not the mail server: a greeting with its capabilities (so the proxy sends no
 * CAPABILITY), {@code LOGIN} with literals (RFC 3501 §4.3, LITERAL+ RFC 7888) accepted for any
 * user and password, {@code LOGOUT}, and OK to anything else. One blocking thread per connection
 * on 127.0.0.1; no mailbox, no authentication.
 */
final class FastImapBackend implements AutoCloseable {

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)(\\+?)}$");
    private static final byte[] GREETING = ascii("* OK [CAPABILITY IMAP4rev1 LITERAL+] fast back-end ready\r\n");

    private final ServerSocket listener;
    private final ExecutorService connections = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "fast-imap-backend");
        thread.setDaemon(true);
        return thread;
    });

    FastImapBackend() throws IOException {
        listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        connections.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(GREETING);
            out.flush();
            for (String command = readCommand(in, out); command != null; command = readCommand(in, out)) {
                String[] words = command.split(" ", 3);
                String tag = words[0];
                String verb = words.length > 1 ? words[1].toUpperCase() : "";
                if (verb.equals("LOGOUT")) {
                    out.write(ascii("* BYE fast back-end logging out\r\n" + tag + " OK LOGOUT completed\r\n"));
                    out.flush();
                    return;
                }
                out.write(ascii(tag + " OK " + (verb.equals("LOGIN") ? "LOGIN" : "command") + " completed\r\n"));
                out.flush();
            }
        } catch (IOException gone) {
            // the client went away: nothing to clean up
        }
    }

    /** One command, literals included (a synchronising literal gets its "+" continuation); null at EOF. */
    private static String readCommand(InputStream in, OutputStream out) throws IOException {
        StringBuilder command = new StringBuilder();
        while (true) {
            String line = readLine(in);
            if (line == null) {
                return null;
            }
            command.append(line);
            Matcher literal = LITERAL.matcher(line);
            if (!literal.find()) {
                return command.toString();
            }
            if (literal.group(2).isEmpty()) {
                out.write(ascii("+ go ahead\r\n"));
                out.flush();
            }
            byte[] bytes = in.readNBytes(Integer.parseInt(literal.group(1)));
            command.append("\r\n").append(new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return null;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        connections.shutdownNow();
    }
}
