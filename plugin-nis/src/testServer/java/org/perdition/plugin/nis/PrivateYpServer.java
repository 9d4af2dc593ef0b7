package org.perdition.plugin.nis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private ypserv on a random 127.0.0.1 port (test-servers.md §4 recipe A): a private mount namespace
 * with a tmpfs on /run, a private rpcbind on its AF_LOCAL socket only (ypserv refuses to start without
 * one), and {@code ypserv -d DIR -p PORT} in the host network namespace, answering 127/8 only.
 * Nothing on the host changes. Needs root (mount namespaces); tests skip otherwise.
 */
public final class PrivateYpServer implements AutoCloseable {

    public static final String DOMAIN = "nisdom.test";
    private static final String MAKEDBM = "/usr/lib/yp/makedbm";
    private static final int YPPROC_NULL = 0;
    /** Closes ypserv's open maps (what {@code makedbm -c} sends), answered once done. */
    private static final int YPPROC_CLEAR = 7;

    private static final String START_SCRIPT = """
            #!/bin/bash
            # unshare --mount --uts --propagation private nis-start.sh DIR PORT (test-servers.md §4 recipe A)
            set -e
            D=$1; PORT=$2
            mount -t tmpfs -o mode=755 tmpfs /run
            mkdir -p /run/rpcbind; chown _rpc /run/rpcbind
            mount --bind "$D/securenets" /etc/ypserv.securenets
            mount --bind "$D/netconfig.v4" /etc/netconfig
            unshare --mount --propagation private sh -c "mount --bind '$D/netconfig.local' /etc/netconfig && exec rpcbind -f" \\
              > "$D/rpcbind.log" 2>&1 &
            RP=$!
            for i in $(seq 1 500); do [ -S /run/rpcbind.sock ] && break; sleep 0.02; done
            ypserv -d "$D/yp" -p "$PORT" > "$D/ypserv.log" 2>&1 &
            YP=$!
            trap 'kill -TERM $YP $RP 2>/dev/null; wait; exit 0' TERM INT
            wait
            """;

    private final Path dir;
    private final int port;
    private Process process;

    private PrivateYpServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Skips the calling test when not root or the NIS tools are missing. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "ypserv recipe needs root");
        for (String tool : new String[] {"/usr/sbin/ypserv", "/usr/sbin/rpcbind", MAKEDBM, "/usr/bin/unshare"}) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is not installed");
        }
    }

    /** Starts a ypserv serving {@code DOMAIN/user_mail_server} with {@code entries} (key to value). */
    public static PrivateYpServer start(Map<String, String> entries) throws Exception {
        assumeAvailable();
        Path dir = Files.createTempDirectory("ypserv");
        Files.createDirectories(dir.resolve("yp").resolve(DOMAIN));
        makeMap(dir, entries);
        Files.writeString(dir.resolve("securenets"), "255.0.0.0\t127.0.0.0\n");
        Files.write(dir.resolve("netconfig.local"), netconfig("local", "unix"));
        Files.write(dir.resolve("netconfig.v4"), netconfig("udp", "tcp", "local", "unix"));
        Files.writeString(dir.resolve("nis-start.sh"), START_SCRIPT);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PrivateYpServer server = new PrivateYpServer(dir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.startProcess();
        return server;
    }

    /** makedbm writes a new file and renames it over the map, so a reader never sees half a map. */
    private static void makeMap(Path dir, Map<String, String> entries) throws IOException, InterruptedException {
        StringBuilder input = new StringBuilder();
        entries.forEach((key, value) -> input.append(key).append('\t').append(value).append('\n'));
        Path map = dir.resolve("yp").resolve(DOMAIN).resolve("user_mail_server");
        Process make = new ProcessBuilder(MAKEDBM, "-", map.toString()).redirectErrorStream(true).start();
        make.getOutputStream().write(input.toString().getBytes(StandardCharsets.UTF_8));
        make.getOutputStream().close();
        String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!make.waitFor(60, TimeUnit.SECONDS) || make.exitValue() != 0) {
            throw new IOException("makedbm failed: " + output);
        }
    }

    /**
     * Rebuilds the map with {@code entries} and makes ypserv serve them: ypserv keeps its maps open,
     * and YPPROC_CLEAR closes them (what {@code makedbm -c} sends; here straight to ypserv's port,
     * as the private rpcbind is not reachable over the network). Returns once ypserv answered.
     */
    public void replaceMap(Map<String, String> entries) throws Exception {
        makeMap(dir, entries);
        if (!answers(YPPROC_CLEAR) && !answers(YPPROC_CLEAR)) {
            throw new IOException("ypserv did not answer YPPROC_CLEAR: " + logs());
        }
    }

    /** Sends {@code signal} (STOP, CONT) to the ypserv process. */
    public synchronized void signal(String signal) throws IOException, InterruptedException {
        ProcessHandle ypserv = process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/ypserv")).orElse(false))
                .findFirst().orElseThrow(() -> new IOException("no ypserv process: " + logs()));
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(ypserv.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " ypserv failed");
        }
    }

    private static java.util.List<String> netconfig(String... networks) throws IOException {
        return Files.readAllLines(Path.of("/etc/netconfig")).stream()
                .filter(line -> java.util.Arrays.stream(networks).anyMatch(n -> line.matches(n + "\\s.*")))
                .toList();
    }

    /**
     * An ONC RPC call (RFC 5531) of an argument-less YP procedure with AUTH_NONE, written out by
     * hand so that this fixture needs none of the plugin's classes (perdition-host's tests use it
     * too); any reply carrying our xid means ypserv handled it.
     */
    private boolean answers(int procedure) {
        java.nio.ByteBuffer call = java.nio.ByteBuffer.allocate(40);
        call.putInt(0x4e495331 + procedure).putInt(0).putInt(2).putInt(100004).putInt(2).putInt(procedure)
                .putInt(0).putInt(0).putInt(0).putInt(0);
        try (java.net.DatagramSocket socket = procedure == YPPROC_CLEAR ? reservedPortSocket()
                : new java.net.DatagramSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            socket.setSoTimeout(200);
            socket.send(new java.net.DatagramPacket(call.array(), 40));
            java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            return reply.getLength() >= 24
                    && java.nio.ByteBuffer.wrap(reply.getData()).getInt() == 0x4e495331 + procedure;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** YPPROC_CLEAR is a master's call: sent from a reserved port, as root's makedbm -c does (we are root here). */
    private static java.net.DatagramSocket reservedPortSocket() throws IOException {
        for (int local = 1023; local >= 600; local--) {
            try {
                return new java.net.DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), local));
            } catch (java.net.BindException taken) {
                // try the next one
            }
        }
        return new java.net.DatagramSocket();
    }

    private boolean answersNullProc() {
        return answers(YPPROC_NULL);
    }

    /** (Re)starts ypserv on the same port, waiting until it answers NULLPROC. */
    synchronized void startProcess() throws Exception {
        process = new ProcessBuilder("unshare", "--mount", "--uts", "--propagation", "private",
                "bash", dir.resolve("nis-start.sh").toString(), dir.toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (answersNullProc()) {
                return;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("ypserv did not start: " + logs());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // a closed UDP port fails at once: pace the probes
        }
    }

    /** SIGTERM to the wrapper stops ypserv and rpcbind. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    public int port() {
        return port;
    }

    String logs() {
        try {
            return Files.readString(dir.resolve("out.log")) + Files.readString(dir.resolve("ypserv.log"));
        } catch (IOException e) {
            return "(no logs: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
