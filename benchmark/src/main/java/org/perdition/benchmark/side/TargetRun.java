package org.perdition.benchmark.side;

import java.io.PrintStream;
import java.util.List;

/**
 * Every workload of one protocol against one target, in a fixed order (logins, TLS logins, relay,
 * NOOP, idle memory), each figure put into the report. A workload that fails is noted and the
 * others still run.
 */
final class TargetRun {

    private final SideBySide.Options o;
    private final Workloads load;
    private final Report report;
    private final PrintStream log;
    private long errors;

    /**
     * {@code -Dside.workloads=relay,noop} (through BENCH_JAVA_OPTS) runs only the named workloads
     * (logins, tls, relay, noop, idle), for measuring one change quickly; all by default.
     */
    private static final java.util.Set<String> WORKLOADS =
            java.util.Set.of(System.getProperty("side.workloads", "logins,tls,relay,noop,idle").split(","));

    TargetRun(SideBySide.Options o, Workloads load, Report report, PrintStream log) {
        this.o = o;
        this.load = load;
        this.report = report;
        this.log = log;
    }

    void run(Proto proto, Target target, Target direct) {
        String name = target.name;
        Endpoint plain = target.plain(proto);
        Endpoint tls = target.tls(proto);
        step(proto, name, "logins", () -> {
            Measured m = load.logins(proto, plain, o.clients());
            put(proto, name, Figure.LOGINS, m.perSecond(), m);
            report.put(proto, name, Figure.CPU_LOGINS, m.targetCpu() / m.amount() * 1000);
            report.put(proto, name, Figure.GEN_LOGINS, m.generatorCores());
        });
        if (tls != null) {
            step(proto, name, "TLS logins", () -> {
                Measured m = load.logins(proto, tls, o.clients());
                put(proto, name, Figure.TLS_LOGINS, m.perSecond(), m);
            });
        }
        for (int sessions : o.relay()) {
            step(proto, name, "relay x" + sessions, () -> {
                Measured m = load.relay(proto, plain, sessions);
                Figure f = sessions == 1 ? Figure.RELAY_1 : Figure.RELAY_8;
                put(proto, name, f, m.perSecond() / 1e6, m);
                if (sessions == o.relay()[o.relay().length - 1]) {
                    report.put(proto, name, Figure.CPU_GB, m.targetCpu() / (m.amount() / 1e9));
                    report.put(proto, name, Figure.GEN_RELAY, m.generatorCores());
                }
            });
        }
        step(proto, name, "NOOP", () -> {
            Workloads.Latency l = load.noop(proto, plain, direct.plain(proto));
            log.printf("  %d paired NOOPs%n", l.rounds());
            report.put(proto, name, Figure.NOOP_P50, l.p50());
            report.put(proto, name, Figure.NOOP_P99, l.p99());
            report.put(proto, name, Figure.NOOP_ADDED, l.addedMedian());
        });
        step(proto, name, "idle sessions", () -> {
            List<IdleSessions.Reading> r = IdleSessions.measure(load.generator(), proto, plain, o.idle(), o.settle());
            Figure[] pss = {Figure.PSS_0, Figure.PSS_1, Figure.PSS_2};
            for (int i = 0; i < r.size() && i < 3; i++) {
                report.put(proto, name, i == r.size() - 1 && r.size() < 3 ? Figure.PSS_2 : pss[i],
                        r.get(i).memory().pssKb() / 1024.0);
                log.printf("  %,d idle: PSS %,d KiB, RSS %,d KiB, %d processes%n", r.get(i).sessions(),
                        r.get(i).memory().pssKb(), r.get(i).memory().rssKb(), r.get(i).memory().processes());
            }
            IdleSessions.Reading last = r.get(r.size() - 1);
            IdleSessions.Reading before = r.get(r.size() - 2);
            report.put(proto, name, Figure.RSS_2, last.memory().rssKb() / 1024.0);
            // per session: the growth between the last two counts (the first sessions also warm the heap)
            report.put(proto, name, Figure.PSS_PER_SESSION, (last.memory().pssKb() - before.memory().pssKb())
                    * 1024.0 / 1000 / (last.sessions() - before.sessions()));
        });
        report.put(proto, name, Figure.ERRORS, errors);
    }

    private void put(Proto proto, String name, Figure f, double value, Measured m) {
        report.put(proto, name, f, value);
        errors += m.errors();
        log.printf("  %s: %.1f, %d errors, generator %.2f cores, target CPU %.2f s%s%n", f.label, value, m.errors(),
                m.generatorCores(), m.targetCpu(), m.firstError() == null ? "" : " (first error: " + m.firstError() + ")");
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(Proto proto, String name, String what, Step step) {
        String key = what.startsWith("TLS") ? "tls" : what.split(" ")[0].toLowerCase(java.util.Locale.ROOT);
        if (!WORKLOADS.contains(key)) {
            return;
        }
        log.printf("%s %s: %s%n", name, proto.label(), what);
        log.flush();
        try {
            step.run();
        } catch (Exception e) {
            report.note(name + " " + proto.label() + " " + what + ": failed: " + e);
            log.println("  failed: " + e);
        }
    }
}
