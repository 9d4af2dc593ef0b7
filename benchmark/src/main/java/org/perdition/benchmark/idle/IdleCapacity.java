package org.perdition.benchmark.idle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * How many idle logged-in sessions the real launcher holds, and at what memory cost (issue 8:
 * "100,000 idle sessions in about 1 GB"). Starts {@code dist/bin/perdition.imap4} (or .pop3) with
 * the launcher's own JVM defaults (JAVA_OPTS passes through), a {@link TinyBackend} behind it,
 * opens sessions up to each step and prints, per step, PSS and RSS as they are, then PSS, RSS and
 * the Java heap after a full GC, and the PSS growth per session since the previous step.
 * Run through benchmark/idle-capacity.sh, which raises the descriptor limit first.
 *
 * <p>Options: {@code --sessions N} [100000], {@code --steps a,b,...} [0,1000,5000,10000,25000,
 * 50000,100000, up to N], {@code --protocol imap|pop3} [imap], {@code --parallel P} [64 logins at
 * a time], {@code --settle S} [2 s before each reading], {@code --root DIR} [the checkout],
 * {@code --histogram} (a class histogram of the proxy at every step, in benchmark/target/idle-capacity,
 * and the native memory summary when JAVA_OPTS has -XX:NativeMemoryTracking=summary); after
 * {@code --}, options for the proxy (e.g. {@code -- -t 0}).
 */
public final class IdleCapacity {

    private IdleCapacity() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = 100_000;
        String steps = "0,1000,5000,10000,25000,50000,100000";
        boolean imap = true;
        int parallel = 64;
        int settle = 2;
        boolean histogram = false;
        Path root = Path.of(".").toAbsolutePath().normalize();
        List<String> proxyOptions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                proxyOptions.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            switch (args[i]) {
                case "--sessions" -> sessions = Integer.parseInt(args[++i]);
                case "--steps" -> steps = args[++i];
                case "--protocol" -> imap = args[++i].equalsIgnoreCase("imap");
                case "--parallel" -> parallel = Integer.parseInt(args[++i]);
                case "--settle" -> settle = Integer.parseInt(args[++i]);
                case "--root" -> root = Path.of(args[++i]);
                case "--histogram" -> histogram = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        TreeSet<Integer> counts = new TreeSet<>();
        for (String s : steps.split(",")) {
            if (Integer.parseInt(s.trim()) <= sessions) {
                counts.add(Integer.parseInt(s.trim()));
            }
        }
        int fdBound = (int) Math.max(0, (openFileLimit() - 256) / 2);
        if (sessions > fdBound) {
            System.out.printf(Locale.ROOT, "# the descriptor limit (%d) allows %,d sessions, not %,d: stopping there%n",
                    openFileLimit(), fdBound, sessions);
            sessions = fdBound;
            counts.removeIf(c -> c > fdBound);
        }
        counts.add(sessions);
        run(root, imap, counts, parallel, settle, histogram, proxyOptions);
    }

    private static void run(Path root, boolean imap, TreeSet<Integer> counts, int parallel, int settle,
                            boolean histogram, List<String> proxyOptions) throws Exception {
        Path work = root.resolve("benchmark/target/idle-capacity");
        Files.createDirectories(work);
        int backendPorts = counts.last() / 20_000 + 2;
        String program = imap ? "perdition.imap4" : "perdition.pop3";
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (TinyBackend backend = new TinyBackend(imap, backendPorts)) {
            List<String> command = new ArrayList<>(List.of(root.resolve("dist/bin/" + program).toString(),
                    "--no_daemon", "-f", "", "-M", "", "-F", "+", "--pid_file", "", "-s", backend.serverList(),
                    "-b", "127.0.0.1:" + port));
            command.addAll(proxyOptions);
            Process proxy = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve(program + ".log").toFile()).start();
            try (IdleClients clients = new IdleClients(new InetSocketAddress("127.0.0.1", port), imap)) {
                awaitGreeting(proxy, port);
                JvmProbe probe = new JvmProbe(proxy.pid());
                System.out.printf(Locale.ROOT, "# %s %s, pid %d, JAVA_OPTS=%s, %d back-end ports%n", program,
                        String.join(" ", proxyOptions), proxy.pid(), System.getenv().getOrDefault("JAVA_OPTS", ""),
                        backendPorts);
                System.out.println("| sessions | PSS MiB | RSS MiB | PSS MiB after GC | RSS MiB after GC "
                        + "| heap used MiB after GC | heap committed MiB | PSS KB/session | after GC KB/session | "
                        + "heap used KB/session |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|");
                long[] previous = null;
                for (int count : counts) {
                    long started = System.nanoTime();
                    clients.openUpTo(count, parallel);
                    double openSeconds = (System.nanoTime() - started) / 1e9;
                    TimeUnit.SECONDS.sleep(settle);
                    long[] before = probe.pssRssKb();
                    probe.fullGc();
                    TimeUnit.SECONDS.sleep(1);
                    long[] after = probe.pssRssKb();
                    long[] heap = probe.heapUsedCommittedKb();
                    long[] reading = {count, before[0], after[0], heap[0]};
                    System.out.printf(Locale.ROOT, "| %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %s | %s |"
                                    + " (opened in %.1f s)%n",
                            count, mib(before[0]), mib(before[1]), mib(after[0]), mib(after[1]), mib(heap[0]),
                            mib(heap[1]), perSession(previous, reading, 1), perSession(previous, reading, 2),
                            perSession(previous, reading, 3), openSeconds);
                    if (histogram) {
                        Files.writeString(work.resolve("histogram-" + count + ".txt"),
                                probe.jcmd("GC.class_histogram"));
                        if (System.getenv().getOrDefault("JAVA_OPTS", "").contains("NativeMemoryTracking")) {
                            Files.writeString(work.resolve("native-memory-" + count + ".txt"),
                                    probe.jcmd("VM.native_memory", "summary"));
                        }
                    }
                    previous = reading;
                }
                if (!proxy.isAlive()) {
                    throw new IOException(program + " exited with status " + proxy.exitValue());
                }
            } finally {
                proxy.destroy();
                proxy.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** This process's soft RLIMIT_NOFILE; the proxy inherits the same. */
    private static long openFileLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE / 4 : Long.parseLong(soft);
            }
        }
        return 1024;
    }

    /** KB (1000 bytes) per session between two readings, of the column given. */
    private static String perSession(long[] previous, long[] reading, int column) {
        if (previous == null || reading[0] == previous[0]) {
            return "";
        }
        return String.format(Locale.ROOT, "%.1f", (reading[column] - previous[column]) * 1.024 / (reading[0] - previous[0]));
    }

    private static double mib(long kib) {
        return kib / 1024.0;
    }

    private static void awaitGreeting(Process proxy, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            if (!proxy.isAlive()) {
                throw new IOException("the proxy exited with status " + proxy.exitValue());
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
            proxy.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new IOException("the proxy did not greet on port " + port + ": " + last);
    }
}
