package org.perdition.benchmark;

import java.util.Arrays;
import java.util.List;

/**
 * Per-operation latencies of one thread (nanoseconds, appended to a growing array, no locking),
 * and their union over threads: count, rate and percentiles from the sorted array, exact (no
 * histogram buckets). One long per operation: a few million operations are tens of MB.
 */
final class Latencies {

    private long[] nanos = new long[1 << 14];
    private int count;
    private long errors;

    void record(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    void error() {
        errors++;
    }

    /** What one measured interval gave: operations and errors over wall time, and percentiles. */
    record Summary(long operations, long errors, double seconds, long[] sorted) {

        static Summary of(List<Latencies> threads, double seconds) {
            int total = threads.stream().mapToInt(t -> t.count).sum();
            long[] all = new long[total];
            int at = 0;
            long errors = 0;
            for (Latencies t : threads) {
                System.arraycopy(t.nanos, 0, all, at, t.count);
                at += t.count;
                errors += t.errors;
            }
            Arrays.sort(all);
            return new Summary(total, errors, seconds, all);
        }

        double perSecond() {
            return operations / seconds;
        }

        /** The latency below which {@code fraction} of the operations fall, in microseconds. */
        double percentileMicros(double fraction) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
            return sorted[index] / 1_000.0;
        }
    }
}
