package org.perdition.benchmark.side;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One thing the load is run against: direct Dovecot, our proxy, Debian's perdition or nginx mail,
 * with its plain and implicit-TLS endpoint per protocol (absent where it has none: Debian's
 * perdition is built without TLS) and the processes it started, stopped by {@link #close()}.
 */
final class Target implements AutoCloseable {

    final String name;
    private final Map<Proto, Endpoint> plain = new EnumMap<>(Proto.class);
    private final Map<Proto, Endpoint> tls = new EnumMap<>(Proto.class);
    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    Target(String name) {
        this.name = name;
    }

    Endpoint plain(Proto proto) {
        return plain.get(proto);
    }

    /** The implicit-TLS endpoint, or null when the target has none. */
    Endpoint tls(Proto proto) {
        return tls.get(proto);
    }

    void add(Proto proto, Endpoint endpoint) {
        (endpoint.tls() ? tls : plain).put(proto, endpoint);
    }

    void own(Process process) {
        processes.add(process);
        // an interrupted run (Ctrl-C) must not leave proxies behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }));
    }

    void own(AutoCloseable resource) {
        resources.add(resource);
    }

    /** A loopback port nobody listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Waits until {@code port} greets (plain ports only: a TLS port is ready when its plain sibling
     * of the same process is), failing early when {@code process} exits.
     */
    static void awaitGreeting(Process process, int port, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(what + " exited with status " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(5000);
                String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1)).readLine();
                if (greeting != null && (greeting.startsWith("* OK") || greeting.startsWith("+OK"))) {
                    return;
                }
                last = "greeting " + greeting;
            } catch (IOException e) {
                last = e.toString();
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        throw new IOException(what + " did not greet on port " + port + ": " + last);
    }

    /** Waits until a TLS port accepts a connection. */
    static void awaitListening(Process process, int port, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(what + " exited with status " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        throw new IOException(what + " does not listen on port " + port);
    }

    @Override
    public void close() {
        for (Process p : processes) {
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // best effort at the end of a run
            }
        }
    }
}
