package org.perdition.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perdition.Daemon;
import org.perdition.config.Settings;
import org.perdition.it.DovecotServer;
import org.perdition.log.Level;
import org.perdition.log.Log;
import org.perdition.log.StreamSink;

/**
 * Issue 5's second figure: proxy logins per second with each popmap plugin. An in-process
 * perdition.imap4 ({@link Daemon#start(Settings)}, the plugin loaded from the plugin directory
 * through pf4j, exactly as {@code -M <id> -m <options>}) routes every user, by its map, to one
 * back-end; N clients each make full login round trips ({@link ImapLogin}) in a closed loop.
 *
 * <p>Two back-ends, labelled in the output: {@code fast}, a {@link FastImapBackend} that accepts
 * any login at once, so that the figure is the proxy's own cost (plus the map lookup); and
 * {@code dovecot}, the private Dovecot of the host's tests ({@link DovecotServer}), where the
 * users alice, bob and carol log in in turn and Dovecot really authenticates them. The proxy
 * logs at INFO to a file, as a deployed perdition logs every login.
 *
 * <pre>java -cp benchmark/target/benchmarks.jar org.perdition.benchmark.LoginThroughput --plugins all --seconds 5</pre>
 */
public final class LoginThroughput {

    static final Map<String, String> DEFAULTS = defaults();
    private static final List<String> DOVECOT_USERS = List.of("alice", "bob", "carol");

    private LoginThroughput() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("plugins", "all");
        d.put("backend", "fast,dovecot");
        d.put("clients", "1,8,32");
        d.put("seconds", "5");
        d.put("warmup", "2");
        d.put("users", "10000");
        d.put("plugin-dir", "auto");
        return d;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parseOrExit("LoginThroughput", args, DEFAULTS);
        BenchOptions.printAndExit(Row.HEADER, run(options), Row::markdown, row -> row.summary().errors() > 0);
    }

    /** One back-end, one plugin, one client count. */
    record Row(String backend, String plugin, int clients, Latencies.Summary summary) {
        static final String HEADER = "| back-end | plugin | clients | logins/s | p50 ms | p99 ms | errors |\n"
                + "|---|---|---|---|---|---|---|";

        String markdown() {
            return String.format("| %s | %s | %d | %,.0f | %.2f | %.2f | %d |", backend, plugin, clients,
                    summary.perSecond(), summary.percentileMicros(0.50) / 1000, summary.percentileMicros(0.99) / 1000,
                    summary.errors());
        }
    }

    static List<Row> run(BenchOptions options) throws Exception {
        Path pluginDir = options.pluginDirectory();
        Path logDir = Files.createTempDirectory("perdition-bench-log");
        Path logFile = logDir.resolve("perdition.log");
        Log.configure(StreamSink.file("perdition.imap4", logFile), Level.INFO);
        logDir.toFile().deleteOnExit();       // hooks run in reverse order: the file goes first
        logFile.toFile().deleteOnExit();
        System.out.println("proxy log (deleted at exit): " + logFile + "; plugins from " + pluginDir);
        List<Row> rows = new ArrayList<>();
        for (String backend : options.text("backend").split(",")) {
            if (backend.equals("dovecot") && !MapSource.dovecotInstalled()) {
                System.out.println("dovecot: skipped, Dovecot is not installed");
                continue;
            }
            if (!backend.equals("dovecot") && !backend.equals("fast")) {
                throw new IllegalArgumentException("--backend: fast and/or dovecot, not " + backend);
            }
            try (AutoCloseable server = backend.equals("fast") ? new FastImapBackend() : DovecotServer.start()) {
                int port = server instanceof FastImapBackend fast ? fast.port() : ((DovecotServer) server).imapPort();
                for (String plugin : options.plugins("plugins")) {
                    String why = MapSource.unavailable(plugin);
                    if (why != null) {
                        System.out.println(plugin + ": skipped, " + why);
                        continue;
                    }
                    rows.addAll(measure(backend, plugin, port, server, options, pluginDir));
                }
            }
        }
        return rows;
    }

    private static List<Row> measure(String backend, String plugin, int port, AutoCloseable server,
            BenchOptions options, Path pluginDir) throws Exception {
        UserKeys users = UserKeys.of(options.integers("users")[0], 1.0, digit -> "127.0.0.1:" + port)
                .with(DOVECOT_USERS, "127.0.0.1:" + port);
        ClosedLoop.Operation login;
        List<Row> rows = new ArrayList<>();
        try (MapSource source = MapSource.start(plugin, users)) {
            Settings settings = LookupThroughput.settings(plugin, source.options(), pluginDir);
            settings.bindAddresses.add("127.0.0.1:0");
            settings.failureDelayMillis = 0;
            settings.pidFile = "";
            settings.noDaemon = true;
            try (Daemon proxy = Daemon.start(settings)) {
                int proxyPort = proxy.listenAddresses().get(0).getPort();
                if (server instanceof DovecotServer dovecot) {
                    login = (thread, n) -> {
                        String user = DOVECOT_USERS.get((int) ((thread + n) % DOVECOT_USERS.size()));
                        return ImapLogin.run(proxyPort, user, dovecot.password(user));
                    };
                } else {
                    List<String> probes = users.probes();
                    login = (thread, n) -> ImapLogin.run(proxyPort, probes.get((int) ((thread * 4099L + n) % probes.size())),
                            "secret");
                }
                int[] clients = options.integers("clients");
                ClosedLoop.run(clients[clients.length - 1], options.seconds("warmup"), login);
                for (int n : clients) {
                    Row row = new Row(backend, plugin, n, ClosedLoop.run(n, options.seconds("seconds"), login));
                    System.out.println(row.markdown());
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
