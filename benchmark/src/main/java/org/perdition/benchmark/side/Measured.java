package org.perdition.benchmark.side;

/**
 * What one timed run produced: completed operations (logins, or bytes relayed), failures, the
 * measured seconds, the CPU seconds the target's process tree and the load generator used in them,
 * and the first failure's text (null when none).
 */
record Measured(double amount, long errors, double seconds, double targetCpu, double generatorCpu, String firstError) {

    double perSecond() {
        return amount / seconds;
    }

    /** The generator's CPU as a share of one core. */
    double generatorCores() {
        return generatorCpu / seconds;
    }
}
