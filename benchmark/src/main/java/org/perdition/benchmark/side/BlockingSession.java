package org.perdition.benchmark.side;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain, blocking, logged-in session for the NOOP round trip: one thread, one socket, nothing
 * between the clock and the wire but a write and a read.
 */
final class BlockingSession implements AutoCloseable {

    private final Proto proto;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] noop;

    BlockingSession(Proto proto, int port, String user, String password) throws IOException {
        this.proto = proto;
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        noop = (proto.noop() + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        expectOk(readLine());
        if (proto == Proto.IMAP) {
            write("a LOGIN " + user + " " + password);
            awaitTagged("a");
        } else {
            write("USER " + user);
            expectOk(readLine());
            write("PASS " + password);
            expectOk(readLine());
        }
    }

    /** One NOOP round trip; returns its nanoseconds. */
    long noop() throws IOException {
        long t0 = System.nanoTime();
        out.write(noop);
        out.flush();
        if (proto == Proto.IMAP) {
            awaitTagged("n");
        } else {
            expectOk(readLine());
        }
        return System.nanoTime() - t0;
    }

    private void write(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private void awaitTagged(String tag) throws IOException {
        String line;
        do {
            line = readLine();
        } while (!line.startsWith(tag + " "));
        if (!line.startsWith(tag + " OK")) {
            throw new IOException("server said: " + line);
        }
    }

    private static void expectOk(String line) throws IOException {
        if (!line.startsWith("+OK") && !line.startsWith("* OK")) {
            throw new IOException("server said: " + line);
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            line.append((char) c);
        }
        return line.toString().strip();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
