package org.perdition.benchmark.side;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory at rest: PSS and RSS of the target's process tree with 0 sessions, then with each count
 * of idle logged-in sessions held open (opened 64 at a time), after a settling pause. The sessions
 * are plain (the TLS figures would add the TLS engines' state on top).
 */
final class IdleSessions {

    private static final int PARALLEL = 64;

    private IdleSessions() {
    }

    /** One reading: sessions held, and the tree's memory with them. */
    record Reading(int sessions, ProcTree.Memory memory) {
    }

    static List<Reading> measure(Generator g, Proto proto, Endpoint e, int[] counts, Duration settle)
            throws IOException, InterruptedException {
        List<Reading> readings = new ArrayList<>();
        ConcurrentLinkedQueue<Conn> open = new ConcurrentLinkedQueue<>();
        int baseline = ProcTree.members(e.pid()).size();
        try {
            Thread.sleep(settle.toMillis());
            readings.add(new Reading(0, ProcTree.memory(e.pid())));
            for (int count : counts) {
                openUpTo(g, proto, e, open, count);
                Thread.sleep(settle.toMillis());
                readings.add(new Reading(count, ProcTree.memory(e.pid())));
            }
            return readings;
        } finally {
            List<CompletableFuture<Void>> closing = new ArrayList<>();
            open.forEach(c -> closing.add(c.close()));
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS)
                    .exceptionally(x -> null).join();
            awaitTreeShrinks(e.pid(), baseline);
        }
    }

    private static void openUpTo(Generator g, Proto proto, Endpoint e, ConcurrentLinkedQueue<Conn> open, int count)
            throws IOException {
        AtomicInteger next = new AtomicInteger(open.size());
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < PARALLEL; lane++) {
            lanes.add(lane(g, proto, e, open, next, count));
        }
        try {
            CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new IOException("could not hold " + count + " idle sessions (" + open.size() + " open): "
                    + (ex.getCause() != null ? ex.getCause() : ex), ex);
        }
    }

    private static CompletableFuture<Void> lane(Generator g, Proto proto, Endpoint e, ConcurrentLinkedQueue<Conn> open,
                                                AtomicInteger next, int count) {
        int n = next.getAndIncrement();
        if (n >= count) {
            return CompletableFuture.completedFuture(null);
        }
        return Workloads.loggedIn(g, proto, e, n).thenCompose(c -> {
            open.add(c);
            return lane(g, proto, e, open, next, count);
        });
    }

    /** After the sessions close, waits (at most 30 s) for forked children to go, so the next run starts clean. */
    private static void awaitTreeShrinks(long pid, int baseline) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && ProcTree.members(pid).size() > baseline + 2) {
            Thread.sleep(100);
        }
    }
}
