package org.perdition.benchmark.side;

/**
 * What one timed run produced: completed operations (logins, or bytes relayed), failures, the
 * measured seconds, the CPU seconds the target's process tree and the load generator used in them,
 * the first failure's text (null when none), and the target's CPU seconds in the window by thread
 * name (digits folded: "C2 CompilerThre", "epollEventLoopGroup-N-N"...; empty unless asked for).
 */
record Measured(double amount, long errors, double seconds, double targetCpu, double generatorCpu, String firstError,
                java.util.Map<String, Double> threadCpu) {

    double perSecond() {
        return amount / seconds;
    }

    /** The generator's CPU as a share of one core. */
    double generatorCores() {
        return generatorCpu / seconds;
    }
}
