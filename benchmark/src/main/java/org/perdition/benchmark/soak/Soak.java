package org.perdition.benchmark.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.perdition.it.BenchDovecot;
import org.perdition.it.DovecotServer;
import org.perdition.it.TestMessage;
import org.perdition.it.TestMessages;

/**
 * Issue 9's soak: mixed load through the real launcher against a private Dovecot for a long
 * time, sampling each proxy's RSS and descriptors; at the end, errors by kind, RSS at start and
 * end and its slope, heap after GC, Netty leak reports (the proxies run with the leak detector at
 * paranoid) and descriptors before and after. {@code scripts/soak.sh} runs it (30 minutes by
 * default); {@code SoakSmokeTest} runs a one-minute version in {@code mvn verify}.
 */
public final class Soak {

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        // autoflush: the samples are read as they come (tee, tail -f)
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        SoakResult result = run(SoakOptions.parse(args), out);
        System.exit(result.passed() ? 0 : 1);
    }

    static SoakResult run(SoakOptions options, PrintStream out) throws Exception {
        Files.createDirectories(options.work());
        long t0 = System.nanoTime();
        java.util.function.Consumer<String> step = what ->
                out.printf("soak: [%3d s] %s%n", (System.nanoTime() - t0) / 1_000_000_000L, what);
        try (BenchDovecot dovecot = BenchDovecot.start();
             SoakProxies proxies = SoakProxies.start(options.root(), dovecot, options.work(), options.leakLevel())) {
            Map<String, List<byte[]>> mailboxes = new LinkedHashMap<>();
            DovecotServer.USERS.keySet().forEach(u -> mailboxes.put(u,
                    TestMessages.forUser(u).stream().map(TestMessage::bytes).toList()));
            SSLContext tls = trusting(dovecot.certificate());
            Tally tally = new Tally();
            MixedLoad load = new MixedLoad(proxies.endpoints(), DovecotServer.USERS, mailboxes, tls, tally);
            List<ProxyFigures> figures = new ArrayList<>();
            proxies.endpoints().forEach(e -> figures.add(new ProxyFigures(e)));
            figures.forEach(f -> f.start = ProcessSample.of(f.endpoint.pid()));
            step.accept("proxies up");
            out.printf("soak: %d proxies up (%s); warm-up %.0f s, then %.0f s measured, %d workers, %d idle sessions%n",
                    figures.size(), options.work(), options.warmupSeconds(), options.seconds(),
                    options.workers(), options.idle());

            Phase warmup = new Phase(options, load, tally, figures, out, false);
            warmup.run(options.warmupSeconds(), proxies, tls);
            step.accept("warm-up done");
            quiesce(figures);
            step.accept("sessions closed");
            long[] heap = ProcessSample.heapAfterGcKb(pids(figures));
            for (int i = 0; i < figures.size(); i++) {
                figures.get(i).heapBaselineKb = heap[i];
                figures.get(i).baseline = ProcessSample.of(figures.get(i).endpoint.pid());
            }
            step.accept("baseline taken");
            new Phase(options, load, tally, figures, out, true).run(options.seconds(), proxies, tls);
            step.accept("measured phase done");
            quiesce(figures);
            step.accept("sessions closed");
            heap = ProcessSample.heapAfterGcKb(pids(figures));
            for (int i = 0; i < figures.size(); i++) {
                figures.get(i).heapEndKb = heap[i];
                figures.get(i).end = settledTo(figures.get(i).endpoint.pid(), figures.get(i).baseline.fds());
            }
            step.accept("end figures taken");
            boolean alive = proxies.allAlive();
            proxies.close();
            step.accept("proxies stopped");
            List<String> leaks = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Path log : proxies.logs()) {
                scan(log, leaks, problems);
            }
            SoakResult result = new SoakResult(tally, figures, leaks, problems, alive, options.seconds());
            result.print(out);
            try (PrintStream summary = new PrintStream(options.work().resolve("summary.txt").toFile(),
                    StandardCharsets.UTF_8)) {
                result.print(summary);
            }
            return result;
        }
    }

    static long[] pids(List<ProxyFigures> figures) {
        return figures.stream().mapToLong(f -> f.endpoint.pid()).toArray();
    }

    /** Waits until every proxy's descriptor count has not moved for 2 s (bounded, 60 s): sessions are closed. */
    private static void quiesce(List<ProxyFigures> figures) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int[] last = new int[figures.size()];
        int stable = 0;
        while (stable < 4 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(500_000_000L);
            boolean same = true;
            for (int i = 0; i < figures.size(); i++) {
                int fds = ProcessSample.of(figures.get(i).endpoint.pid()).fds();
                same &= fds == last[i];
                last[i] = fds;
            }
            stable = same ? stable + 1 : 0;
        }
    }

    /** The sample once descriptors are back to {@code baseline} or after 30 s, whichever comes first. */
    private static ProcessSample settledTo(long pid, int baseline) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        ProcessSample s = ProcessSample.of(pid);
        while (s.fds() > baseline && System.nanoTime() < deadline) {
            LockSupport.parkNanos(200_000_000L);
            s = ProcessSample.of(pid);
        }
        return s;
    }

    /** Netty's leak reports, and exceptions or JVM/Netty warnings, in a proxy's output. */
    private static void scan(Path log, List<String> leaks, List<String> problems) throws IOException {
        String name = log.getFileName().toString();
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            if (line.contains("LEAK")) {
                leaks.add(name + ": " + line);
            } else if (line.matches(".*(Exception|SEVERE|WARNING|OutOfMemory|\\tat ).*")
                    && !line.matches(".*(Connection reset|Broken pipe|SSLHandshakeException).*")) {
                problems.add(name + ": " + line);
            }
        }
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("dovecot", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
