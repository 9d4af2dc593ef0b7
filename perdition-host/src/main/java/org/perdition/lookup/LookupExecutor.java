package org.perdition.lookup;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool that popmap lookups run on, so a slow map (SQL, LDAP) never blocks an event
 * loop. perdition forks per connection, so a hanging map there stalls one client only; here every
 * lookup is bounded by a timeout instead, and a full queue refuses new lookups at once.
 */
public final class LookupExecutor implements AutoCloseable {

    public static final int MAX_THREADS = 16;
    public static final int QUEUE_CAPACITY = 1024;
    /** A lookup still running after this is abandoned (its thread is interrupted) and counts as an access error. */
    public static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    private final ThreadPoolExecutor pool;
    private final Duration timeout;

    public LookupExecutor() {
        this(MAX_THREADS, QUEUE_CAPACITY, LOOKUP_TIMEOUT);
    }

    public LookupExecutor(int maxThreads, int queueCapacity, Duration timeout) {
        this.timeout = timeout;
        this.pool = new ThreadPoolExecutor(maxThreads, maxThreads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), new LookupThreads(), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs the task on the pool. The future fails with {@link RejectedExecutionException} when the
     * queue is full, with {@link java.util.concurrent.TimeoutException} after {@link #timeout()},
     * or with what the task threw. It never completes on the calling thread unless rejected.
     */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Future<?> running;
        try {
            running = pool.submit(() -> {
                try {
                    result.complete(task.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
            return result;
        }
        result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((value, error) -> running.cancel(true));  // frees the thread of a hung plugin
        return result;
    }

    /** Lookups queued or running (for tests and diagnostics). */
    public int pending() {
        return pool.getActiveCount() + pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static final class LookupThreads implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable work) {
            Thread thread = new Thread(work, "perdition-lookup-" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }
    }
}
