package org.perdition.benchmark.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * One proxy's resource figures over a soak: at start, after warm-up (the baseline) and at the
 * end (both after the load stopped and the sessions closed), and the RSS samples of the measured
 * phase for the slope.
 */
final class ProxyFigures {

    final Endpoint endpoint;
    ProcessSample start;
    ProcessSample baseline;
    ProcessSample end;
    long heapBaselineKb = -1;
    long heapEndKb = -1;
    final List<long[]> rssSamples = new ArrayList<>();   // {millis since phase start, rss KiB}
    final List<Long> heapSamples = new ArrayList<>();

    ProxyFigures(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Least-squares slope of RSS over the measured phase, in MB per hour; 0 with fewer than 3 samples. */
    double rssSlopeMbPerHour() {
        return slope(rssSamples);
    }

    /**
     * The same over the second half only: the first minutes after the baseline's forced GC (which
     * shrank the heap) show the heap growing back to its working size, which is not a leak.
     */
    double rssSlopeSecondHalfMbPerHour() {
        return slope(rssSamples.subList(rssSamples.size() / 2, rssSamples.size()));
    }

    private static double slope(List<long[]> samples) {
        int n = samples.size();
        if (n < 3) {
            return 0;
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (long[] s : samples) {
            double x = s[0] / 3_600_000.0;
            double y = s[1] / 1024.0;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }

    /** Descriptors back to the baseline (or fewer) once every session closed. */
    boolean fdsBack() {
        return end != null && baseline != null && end.fds() >= 0 && end.fds() <= baseline.fds();
    }
}
