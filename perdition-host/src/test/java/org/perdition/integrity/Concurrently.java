package org.perdition.integrity;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one task per user on a small pool of threads and keeps every failure as text, so that a
 * broken run reports all the users it broke, not only the first.
 */
final class Concurrently implements AutoCloseable {

    /** A task for the user with this index; returns null or throws on failure. */
    interface Task<T> {
        T run(int index) throws Exception;
    }

    private final ExecutorService pool;
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();

    /** 32 threads: sessions are held open by sockets, not threads, so this is enough to keep both sides busy. */
    Concurrently() {
        this.pool = Executors.newFixedThreadPool(32);
    }

    /** Runs the task for indices 0..count-1; results in index order, null where the task failed. */
    <T> List<T> forEach(int count, String what, Task<T> task) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                try {
                    return task.run(index);
                } catch (Exception | AssertionError e) {
                    problem(what + " " + index + ": " + e);
                    return null;
                }
            }));
        }
        List<T> results = new ArrayList<>(count);
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (java.util.concurrent.ExecutionException e) {
                problem(what + ": " + e.getCause());
                results.add(null);
            }
        }
        return results;
    }

    void problem(String text) {
        problems.add(text);
    }

    /** Every failure so far, oldest first. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }
}
