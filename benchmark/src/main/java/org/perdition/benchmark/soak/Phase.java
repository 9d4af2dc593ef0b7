package org.perdition.benchmark.soak;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;

/**
 * One stretch of load: the workers run {@link MixedLoad} back to back while this thread, every
 * sample interval, turns the idle sessions over and samples each proxy (RSS, fds, threads; heap
 * after GC every five minutes of the measured phase: a forced full GC
 * shrinks the heap and so dips the RSS, so it is not taken more often). At the end every client session is closed.
 */
final class Phase {

    private static final long HEAP_EVERY_NANOS = 300_000_000_000L;

    private final SoakOptions options;
    private final MixedLoad load;
    private final Tally tally;
    private final List<ProxyFigures> figures;
    private final PrintStream out;
    private final boolean measured;

    Phase(SoakOptions options, MixedLoad load, Tally tally, List<ProxyFigures> figures, PrintStream out,
          boolean measured) {
        this.options = options;
        this.load = load;
        this.tally = tally;
        this.figures = figures;
        this.out = out;
        this.measured = measured;
    }

    void run(double seconds, SoakProxies proxies, SSLContext tls) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < options.workers(); i++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    load.once();
                }
            }, "soak-worker-" + i);
            worker.start();
            workers.add(worker);
        }
        long interval = (long) (options.sampleSeconds() * 1e9);
        long nextHeap = start + HEAP_EVERY_NANOS;
        try (IdleSessions idle = new IdleSessions(options.idle(), proxies.endpoints(), org.perdition.it.DovecotServer.USERS,
                tls, tally)) {
            for (long next = start; next < end; next += interval) {
                idle.round();
                LockSupport.parkNanos(Math.min(next + interval, end) - System.nanoTime());
                boolean heap = measured && System.nanoTime() >= nextHeap;
                if (heap) {
                    nextHeap += HEAP_EVERY_NANOS;
                }
                sample(start, idle.size(), heap, proxies);
            }
            for (Thread worker : workers) {
                worker.join();
            }
        }
    }

    private void sample(long start, int idle, boolean heap, SoakProxies proxies) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        StringBuilder line = new StringBuilder(String.format("%s t=%4ds ops=%d errors=%d idle=%d",
                measured ? "soak" : "warm-up", millis / 1000, tally.operationCount(), tally.errorCount(), idle));
        long[] heapKb = heap ? ProcessSample.heapAfterGcKb(Soak.pids(figures)) : null;
        for (int i = 0; i < figures.size(); i++) {
            ProxyFigures f = figures.get(i);
            ProcessSample s = ProcessSample.of(f.endpoint.pid());
            line.append(String.format(" | %s rss=%.1fMB fds=%d thr=%d", f.endpoint.program().substring(10),
                    s.rssKb() / 1024.0, s.fds(), s.threads()));
            if (measured) {
                f.rssSamples.add(new long[] {millis, s.rssKb()});
            }
            if (heap) {
                f.heapSamples.add(heapKb[i]);
                line.append(String.format(" heap=%.1fMB", heapKb[i] / 1024.0));
            }
        }
        if (!proxies.allAlive()) {
            tally.error("proxy-died", "a proxy process exited during the soak");
        }
        out.println(line);
    }
}
