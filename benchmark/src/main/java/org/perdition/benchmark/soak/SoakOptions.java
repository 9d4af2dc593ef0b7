package org.perdition.benchmark.soak;

import java.nio.file.Path;

/**
 * What a soak run does.
 *
 * @param seconds       length of the measured phase (after warm-up)
 * @param warmupSeconds load before the baseline is taken: JIT, event loop threads, pools and lazily
 *                      opened files all settle first, so the baseline is the steady state
 * @param workers       threads running {@link MixedLoad} back to back
 * @param idle          logged-in idle sessions held (and partly released and replaced every sample)
 * @param sampleSeconds interval of the RSS/fd samples
 * @param root          the checkout (dist/bin/perdition.* is launched from it)
 * @param work          where the proxies' logs and the summary go
 * @param leakLevel     Netty's io.netty.leakDetection.level for the proxies
 */
record SoakOptions(double seconds, double warmupSeconds, int workers, int idle, double sampleSeconds,
                   Path root, Path work, String leakLevel) {

    static SoakOptions parse(String[] args) {
        double seconds = 30 * 60;
        double warmup = 60;
        int workers = 6;
        int idle = 200;
        double sample = 10;
        Path root = Path.of(".");
        Path work = null;
        String leak = "paranoid";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--minutes" -> seconds = 60 * Double.parseDouble(need(args[i], value));
                case "--seconds" -> seconds = Double.parseDouble(need(args[i], value));
                case "--warmup" -> warmup = Double.parseDouble(need(args[i], value));
                case "--workers" -> workers = Integer.parseInt(need(args[i], value));
                case "--idle" -> idle = Integer.parseInt(need(args[i], value));
                case "--sample" -> sample = Double.parseDouble(need(args[i], value));
                case "--root" -> root = Path.of(need(args[i], value));
                case "--work" -> work = Path.of(need(args[i], value));
                case "--leak-level" -> leak = need(args[i], value);
                default -> throw new IllegalArgumentException("soak: unknown option " + args[i]
                        + " (--minutes N --seconds N --warmup S --workers N --idle N --sample S --root DIR"
                        + " --work DIR --leak-level LEVEL)");
            }
            i++;
        }
        Path abs = root.toAbsolutePath().normalize();
        return new SoakOptions(seconds, warmup, workers, idle, sample, abs,
                work != null ? work : abs.resolve("target/soak"), leak);
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException("soak: " + option + " needs a value");
        }
        return value;
    }
}
