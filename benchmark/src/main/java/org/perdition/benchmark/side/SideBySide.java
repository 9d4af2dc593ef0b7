package org.perdition.benchmark.side;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perdition.it.BenchDovecot;

/**
 * Issue 8's side-by-side benchmark: the same load against one private Dovecot directly and through
 * every proxy present (ours through its launcher; Debian's perdition and nginx mail when installed),
 * for IMAP and POP3, printed as one table with each target's ratio to direct Dovecot.
 *
 * <pre>benchmark/side-by-side.sh [--seconds 5] [--targets direct,ours,perdition,nginx] ...</pre>
 *
 * <p>Options (all with defaults, see {@link #DEFAULTS}): protocols, targets, clients (login storm),
 * relay (session counts), idle (idle session counts), seconds / warmup (per measured run), settle
 * (pause before a memory reading), prime (at most this many seconds of unmeasured plain and TLS
 * logins per target and protocol before its first window, until the JIT has settled: a proxy in
 * production has long finished compiling its hot paths, see {@link Workloads#prime}), threads (generator event loops), root (the checkout, for
 * dist/bin), workloads (a subset of {@link #WORKLOADS}), breakdown (yes: print the target's CPU per
 * thread name over each login window, to tell JIT and GC apart from the event loops).
 */
public final class SideBySide {

    /** Every workload, in the order run; --workloads picks some (a login profile needs no relay or idle run). */
    public static final List<String> WORKLOADS = List.of("logins", "tls", "relay", "noop", "idle");

    public static final Map<String, String> DEFAULTS = defaults();

    private SideBySide() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("protocols", "imap,pop3");
        d.put("targets", "direct,ours,perdition,nginx");
        d.put("clients", "32");
        d.put("relay", "1,8");
        d.put("idle", "1000,5000");
        d.put("seconds", "5");
        d.put("warmup", "1");
        d.put("prime", "120");
        d.put("settle", "2");
        d.put("threads", "2");
        d.put("root", ".");
        d.put("workloads", String.join(",", WORKLOADS));
        d.put("breakdown", "no");
        return d;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SideBySide: " + e.getMessage());
            System.exit(2);
            return;
        }
        Report report = run(options, System.out);
        System.out.println(report.markdown());
        System.exit(0);
    }

    /** Parsed options. */
    public record Options(List<Proto> protocols, List<String> targets, int clients, int[] relay, int[] idle,
                          Duration seconds, Duration warmup, Duration settle, int threads, Path root,
                          List<String> workloads, boolean breakdown, Duration prime) {

        /** Whether the named workload (one of {@link #WORKLOADS}) runs. */
        public boolean runs(String workload) {
            return workloads.contains(workload);
        }

        public static Options parse(String[] args) {
            Map<String, String> o = new LinkedHashMap<>(DEFAULTS);
            for (int i = 0; i < args.length; i++) {
                String name = args[i].startsWith("--") ? args[i].substring(2) : null;
                if (name == null || !DEFAULTS.containsKey(name) || i + 1 == args.length) {
                    throw new IllegalArgumentException("bad or incomplete option " + args[i] + "; options: " + DEFAULTS);
                }
                o.put(name, args[++i]);
            }
            List<Proto> protocols = new ArrayList<>();
            for (String p : o.get("protocols").split(",")) {
                protocols.add(Proto.valueOf(p.trim().toUpperCase(java.util.Locale.ROOT)));
            }
            List<String> targets = List.of(o.get("targets").split(","));
            for (String t : targets) {
                if (!List.of("direct", "ours", "perdition", "nginx").contains(t)) {
                    throw new IllegalArgumentException("--targets: unknown target " + t);
                }
            }
            List<String> workloads = List.of(o.get("workloads").split(","));
            for (String w : workloads) {
                if (!WORKLOADS.contains(w)) {
                    throw new IllegalArgumentException("--workloads: unknown workload " + w + "; workloads: "
                            + WORKLOADS);
                }
            }
            if (!List.of("yes", "no").contains(o.get("breakdown"))) {
                throw new IllegalArgumentException("--breakdown: yes or no, not " + o.get("breakdown"));
            }
            return new Options(protocols, targets, integers(o, "clients")[0], integers(o, "relay"), integers(o, "idle"),
                    seconds(o, "seconds"), seconds(o, "warmup"), seconds(o, "settle"), integers(o, "threads")[0],
                    Path.of(o.get("root")).toAbsolutePath().normalize(), workloads, "yes".equals(o.get("breakdown")),
                    seconds(o, "prime"));
        }

        private static int[] integers(Map<String, String> o, String name) {
            try {
                int[] list = Arrays.stream(o.get(name).split(",")).mapToInt(Integer::parseInt).toArray();
                if (Arrays.stream(list).anyMatch(n -> n < 1)) {
                    throw new NumberFormatException("not positive");
                }
                return list;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + ": positive integers separated by commas, not "
                        + o.get(name));
            }
        }

        private static Duration seconds(Map<String, String> o, String name) {
            try {
                return Duration.ofNanos((long) (Double.parseDouble(o.get(name)) * 1e9));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + ": a number of seconds, not " + o.get(name));
            }
        }
    }

    /** Runs everything, printing progress to {@code log}; the table is the returned report's markdown. */
    public static Report run(Options o, java.io.PrintStream log) throws Exception {
        Report report = new Report(o.idle(), o.clients());
        Path work = Files.createTempDirectory("side-by-side");
        try (BenchDovecot dovecot = BenchDovecot.start(); Generator generator = new Generator(o.threads())) {
            Workloads load = new Workloads(generator, o.warmup(), o.seconds(), o.breakdown());
            Target direct = Targets.direct(dovecot, o.protocols());
            for (String name : o.targets()) {
                Target target;
                try {
                    target = start(name, o, dovecot, direct, work);
                } catch (Exception e) {
                    report.note(name + ": not run (" + e.getMessage() + ")");
                    log.println(name + ": not run: " + e);
                    continue;
                }
                if (target == null) {
                    report.note(name + ": not installed, skipped");
                    continue;
                }
                try {
                    for (Proto proto : o.protocols()) {
                        new TargetRun(o, load, report, log).run(proto, target, direct);
                    }
                } finally {
                    if (target != direct) {
                        target.close();
                    }
                }
            }
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        report.note(String.format("machine: %d cores, load average at the end: %s; %s; %s s per run after %s s warm-up",
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                o.seconds().toMillis() / 1000.0, o.warmup().toMillis() / 1000.0)
                + String.format("; each target primed with logins until its JIT settled (at most %s s)",
                o.prime().toMillis() / 1000.0));
        return report;
    }

    private static Target start(String name, Options o, BenchDovecot dovecot, Target direct, Path work)
            throws Exception {
        return switch (name) {
            case "direct" -> direct;
            case "ours" -> Targets.ours(o.root(), dovecot, o.protocols(), work);
            case "perdition" -> Files.isExecutable(Targets.DEBIAN_PERDITION)
                    ? Targets.perdition(dovecot, o.protocols(), work) : null;
            case "nginx" -> NginxMail.installed() ? Targets.nginx(dovecot, o.protocols(), work) : null;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
