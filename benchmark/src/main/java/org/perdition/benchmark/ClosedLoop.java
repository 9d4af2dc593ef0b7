package org.perdition.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * N threads, each running one operation after the other as fast as it completes (a closed loop:
 * no think time, no queue), each timing every operation with {@link System#nanoTime()}. All
 * threads start together and stop at the same deadline; the rate is operations over the wall time
 * from start to the last thread's end, so an operation still running at the deadline counts.
 */
final class ClosedLoop {

    /** One operation of thread {@code thread}, its {@code n}-th; false or an exception is an error. */
    interface Operation {
        boolean run(int thread, long n) throws Exception;
    }

    private ClosedLoop() {
    }

    static Latencies.Summary run(int threads, Duration duration, Operation operation) throws InterruptedException {
        List<Latencies> results = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        long[] deadline = new long[1];
        Throwable[] firstError = new Throwable[1];
        for (int t = 0; t < threads; t++) {
            Latencies latencies = new Latencies();
            results.add(latencies);
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long end = deadline[0];
                for (long n = 0; ; n++) {
                    long before = System.nanoTime();
                    if (before - end >= 0 || Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    boolean ok;
                    try {
                        ok = operation.run(thread, n);
                    } catch (Exception e) {
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = e;
                            }
                        }
                        ok = false;
                    }
                    if (ok) {
                        latencies.record(System.nanoTime() - before);
                    } else {
                        latencies.error();
                    }
                }
            }, "bench-" + t);
            workers.add(worker);
            worker.start();
        }
        long begin = System.nanoTime();
        deadline[0] = begin + duration.toNanos();  // published to the workers by the latch
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (firstError[0] != null) {
            System.err.println("  first error: " + firstError[0]);
        }
        return Latencies.Summary.of(results, seconds);
    }
}
