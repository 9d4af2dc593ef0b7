package org.perdition.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The command line of the plain-main benchmarks: {@code --name value} pairs, each with a default.
 * A name the benchmark does not know, or a bad value, stops it with a message naming the option.
 */
final class BenchOptions {

    private final Map<String, String> values = new HashMap<>();

    BenchOptions(String[] args, Map<String, String> defaults) {
        values.putAll(defaults);
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !defaults.containsKey(name) || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: " + usage(defaults) + " (bad or incomplete: " + args[i] + ")");
            }
            values.put(name, args[++i]);
        }
    }

    /**
     * The command line of a benchmark with a {@code plugins} option, checked; a bad one prints
     * {@code program: message} and exits 2.
     */
    static BenchOptions parseOrExit(String program, String[] args, Map<String, String> defaults) {
        try {
            BenchOptions options = new BenchOptions(args, defaults);
            options.plugins("plugins");
            return options;
        } catch (IllegalArgumentException e) {
            System.err.println(program + ": " + e.getMessage());
            System.exit(2);
            throw new IllegalStateException("unreachable", e);
        }
    }

    /** Prints the results as a markdown table and exits 1 when any row saw errors, else 0. */
    static <R> void printAndExit(String header, List<R> rows, Function<R, String> markdown, Predicate<R> hadErrors) {
        System.out.println();
        System.out.println(header);
        rows.forEach(row -> System.out.println(markdown.apply(row)));
        System.exit(rows.stream().anyMatch(hadErrors) ? 1 : 0);
    }

    static String usage(Map<String, String> defaults) {
        StringBuilder usage = new StringBuilder();
        defaults.forEach((name, value) -> usage.append(" [--").append(name).append(' ').append(value).append(']'));
        return usage.toString().trim();
    }

    String text(String name) {
        return values.get(name);
    }

    /** {@code all} or a comma-separated list of plugin ids, checked against {@link MapSource#PLUGINS}. */
    List<String> plugins(String name) {
        String value = values.get(name);
        List<String> plugins = value.equals("all") ? MapSource.PLUGINS : List.of(value.split(","));
        for (String plugin : plugins) {
            if (!MapSource.PLUGINS.contains(plugin)) {
                throw new IllegalArgumentException("--" + name + ": unknown plugin " + plugin + "; known: " + MapSource.PLUGINS);
            }
        }
        return plugins;
    }

    int[] integers(String name) {
        try {
            int[] list = Arrays.stream(values.get(name).split(",")).mapToInt(Integer::parseInt).toArray();
            if (Arrays.stream(list).anyMatch(n -> n < 1)) {
                throw new NumberFormatException("not positive");
            }
            return list;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": positive integers separated by commas, not " + values.get(name));
        }
    }

    double number(String name) {
        try {
            return Double.parseDouble(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": a number, not " + values.get(name));
        }
    }

    Duration seconds(String name) {
        return Duration.ofNanos((long) (number(name) * 1e9));
    }

    /**
     * {@code --plugin-dir}, or else the {@code plugins/} directory of the checkout found above the
     * working directory (where the plugin builds put {@code <id>.jar}).
     */
    Path pluginDirectory() {
        String given = values.get("plugin-dir");
        if (given != null && !given.equals("auto")) {
            return Path.of(given);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("plugins/gdbm.jar"))) {
                return p.resolve("plugins");
            }
        }
        throw new IllegalArgumentException("no plugins/gdbm.jar above " + Path.of("").toAbsolutePath()
                + ": build with mvn -B -q package -DskipTests, or give --plugin-dir");
    }
}
