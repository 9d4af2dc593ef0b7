package org.perdition.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.lookup.LookupExecutor;
import org.perdition.lookup.Popmap;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;

/**
 * Issue 5's first figure: popmap lookups per second and their p99, per plugin, against its local
 * data (a file, or a private server on loopback started here), at several thread counts.
 *
 * <p>The path measured is the host's: {@link Popmap#open(Settings)} loads {@code <id>.jar} from the
 * plugin directory through pf4j ({@code PluginHost}) and initialises it with {@code -m}; each thread
 * then calls {@link Popmap#lookup(LookupRequest)} in a closed loop, as the host's lookup threads
 * do. The hand-off to {@link LookupExecutor} (one queue insertion and a future per lookup) is not
 * included. Every answer is checked against the map's contents; a wrong one counts as an error.
 *
 * <pre>java -cp benchmark/target/benchmarks.jar org.perdition.benchmark.LookupThroughput --plugins all --seconds 5</pre>
 */
public final class LookupThroughput {

    static final Map<String, String> DEFAULTS = defaults();

    private LookupThroughput() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("plugins", "all");
        d.put("threads", "1,8," + LookupExecutor.MAX_THREADS + ",32");
        d.put("seconds", "5");
        d.put("warmup", "2");
        d.put("users", "10000");
        d.put("hit-ratio", "0.9");
        d.put("plugin-dir", "auto");
        return d;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parseOrExit("LookupThroughput", args, DEFAULTS);
        BenchOptions.printAndExit(Row.HEADER, run(options), Row::markdown, row -> row.summary().errors() > 0);
    }

    /** One plugin at one thread count. */
    record Row(String plugin, int threads, Latencies.Summary summary) {
        static final String HEADER = "| plugin | threads | lookups/s | p50 µs | p99 µs | p99.9 µs | errors |\n"
                + "|---|---|---|---|---|---|---|";

        String markdown() {
            return String.format("| %s | %d | %,.0f | %.1f | %.1f | %.1f | %d |", plugin, threads, summary.perSecond(),
                    summary.percentileMicros(0.50), summary.percentileMicros(0.99), summary.percentileMicros(0.999),
                    summary.errors());
        }
    }

    static List<Row> run(BenchOptions options) throws Exception {
        Path pluginDir = options.pluginDirectory();
        UserKeys users = UserKeys.of(options.integers("users")[0], options.number("hit-ratio"),
                digit -> "imap" + digit + ".example.org:143");
        System.out.printf("%d users, %d probe keys (%.0f %% in the map), plugins from %s%n", users.entries().size(),
                users.probes().size(), options.number("hit-ratio") * 100, pluginDir);
        List<Row> rows = new ArrayList<>();
        for (String plugin : options.plugins("plugins")) {
            String why = MapSource.unavailable(plugin);
            if (why != null) {
                System.out.println(plugin + ": skipped, " + why);
                continue;
            }
            try (MapSource source = MapSource.start(plugin, users);
                    Popmap popmap = Popmap.open(settings(plugin, source.options(), pluginDir)).orElseThrow()) {
                int[] threads = options.integers("threads");
                ClosedLoop.run(threads[threads.length - 1], options.seconds("warmup"), lookups(popmap, users));
                for (int n : threads) {
                    Row row = new Row(plugin, n, ClosedLoop.run(n, options.seconds("seconds"), lookups(popmap, users)));
                    System.out.println(row.markdown());
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** The settings that make {@link Popmap#open(Settings)} load {@code plugin} as {@code -M plugin -m options}. */
    static Settings settings(String plugin, String mapOptions, Path pluginDir) {
        Settings settings = new Settings();
        settings.protocol = Protocol.IMAP4;
        settings.mapLibrary = plugin;
        settings.mapLibraryOptions = mapOptions;
        settings.pluginDirectory = pluginDir;
        settings.explicitOptions.add("map_library");
        return settings;
    }

    /** Thread t walks the probe keys from offset t * 4099, so threads do not ask for the same key at once. */
    private static ClosedLoop.Operation lookups(Popmap popmap, UserKeys users) {
        List<String> probes = users.probes();
        return (thread, n) -> {
            String key = probes.get((int) ((thread * 4099L + n) % probes.size()));
            LookupResult result = popmap.lookup(LookupRequest.of(key));
            String expected = users.expected(key);
            return expected == null ? result instanceof LookupResult.NotFound
                    : result instanceof LookupResult.Found found && found.value().equals(expected);
        };
    }
}
