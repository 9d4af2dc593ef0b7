package org.perdition.starttls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A back-end that speaks STARTTLS and misbehaves on purpose (NoSTARTTLS cases, issue 9): one
 * thread per connection; every line it receives is recorded, {@code "tls: "} marking those that
 * came over TLS, so a test can say whether credentials ever crossed in clear.
 */
final class StarttlsBackend implements AutoCloseable {

    interface Script {
        void serve(Conversation c) throws IOException;
    }

    /** One accepted connection. */
    static final class Conversation {
        private final TlsLine line;
        private final SSLContext tls;

        Conversation(TlsLine line, SSLContext tls) {
            this.line = line;
            this.tls = tls;
        }

        void send(String text) throws IOException {
            line.send(text);
        }

        String read() throws IOException {
            return line.read();
        }

        void startTls() throws IOException {
            line.startTls(tls, false);
        }

        void drain() throws IOException {
            line.drain();
        }
    }

    private final ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger();

    StarttlsBackend(SSLContext tls, Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    open.incrementAndGet();
                    Thread serving = new Thread(() -> serve(tls, script, socket), "starttls-backend-conversation");
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException e) {
                    // closed by the test
                }
            }
        }, "starttls-backend");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve(SSLContext tls, Script script, Socket socket) {
        try (TlsLine line = new TlsLine(socket, received)) {
            script.serve(new Conversation(line, tls));
        } catch (IOException e) {
            // the proxy hung up, or a handshake failed: ends this conversation
        } finally {
            open.decrementAndGet();
        }
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Every line received, in order, {@code "tls: "} before those that came over TLS. */
    List<String> received() {
        return received;
    }

    /** Waits (bounded) until every conversation has ended. */
    boolean awaitAllClosed() {
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
}
