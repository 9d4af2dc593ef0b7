package org.perdition;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.perdition.cli.HelpText;
import org.perdition.cli.SettingsLoader;
import org.perdition.cli.UsageException;
import org.perdition.config.Settings;
import org.perdition.log.Log;
import org.perdition.log.LogSetup;
import org.perdition.log.OptionDump;
import org.perdition.os.PrivilegeDrop;
import org.perdition.process.Detacher;
import org.perdition.process.GracefulStop;
import org.perdition.process.PidFile;
import org.perdition.process.ReadyReport;
import org.perdition.process.Signals;

/**
 * {@code bin/perdition} and its protocol-named links. The launcher passes its own name in the
 * system property {@code perdition.program}, which picks the protocol as argv[0] does for perdition.
 *
 * <p>Start-up order (spec §7.1, adapted): options, then (daemon mode) a detached child JVM does the rest;
 * logger, pid file, signal handlers, popmap and TLS, bind, "ready" to the launching process, serve until
 * SIGTERM/SIGINT, drain, remove the pid file, exit 0.
 */
public final class Main {

    /** perdition exits 255 on usage and fatal errors (spec §7.8). */
    static final int EXIT_FAILURE = 255;

    private Main() {
    }

    public static void main(String[] args) {
        String program = System.getProperty("perdition.program", "perdition");
        ReadyReport.open();
        Settings settings;
        try {
            settings = SettingsLoader.load(program, args);
        } catch (UsageException e) {
            if (e.helpRequested()) {
                System.out.print(HelpText.render());
                System.exit(0);
            }
            System.err.println(e.getMessage());
            ReadyReport.failed(e.getMessage());
            System.exit(EXIT_FAILURE);
            return;
        }
        if (Detacher.wanted(settings)) {
            System.exit(Detacher.detach(program, args));
            return;
        }
        int status = 0;
        try {
            run(settings);
        } catch (StartupException e) {
            // One line on stderr: through the log when it already goes there, else printed too.
            Log.err(e.getMessage());
            if (!Log.writesToStderr()) {
                System.err.println(e.getMessage());
            }
            ReadyReport.failed(e.getMessage());
            status = EXIT_FAILURE;
        }
        Log.close();
        System.exit(status);
    }

    private static void run(Settings settings) throws StartupException {
        openLogger(settings);
        Log.info("Starting perdition version=2.2 (JVM " + Runtime.version() + ") protocol=" + settings.protocol);
        if (settings.debug) {
            Log.debug(OptionDump.of(settings));
        }
        // Handlers before the popmap loads, as perdition (spec §7.1): an early HUP reopens the log only,
        // an early TERM stops the proxy as soon as it is up, USR1/USR2 never kill it.
        AtomicReference<Daemon> running = new AtomicReference<>();
        Signals signals = Signals.install(() -> reload(running.get()));
        PrivilegeDrop drop = PrivilegeDrop.prepare(settings);   // -u/-g resolved before anything is bound
        AtomicReference<PidFile> pidFile = new AtomicReference<>();
        try {
            // Sockets in hand, then the pid file (still root: /var/run), then the drop, then serving.
            // One inherited connection (-i, systemd Accept=yes) runs one process per client: no pid file.
            Daemon daemon = Daemon.start(settings, oneConnection -> {
                if (!oneConnection) {
                    writePidFile(settings).ifPresent(pidFile::set);
                }
                drop.apply();
            });
            running.set(daemon);
            // -i and systemd Accept=yes: one connection, then exit 0 (spec §7.6).
            daemon.whenOneConnectionEnds(signals::stopWithoutSignal);
            ReadyReport.ready();
            int signal = signals.awaitStop();
            if (signal == 0) {
                daemon.close();
            } else {
                Log.info("Exiting on signal " + signal);
                GracefulStop.run(daemon, signals, Duration.ofSeconds(settings.shutdownGraceSeconds));
            }
        } finally {
            PidFile written = pidFile.get();
            if (written != null) {
                written.close();
            }
        }
    }

    /** SIGHUP. The popmap logs its own "Reloading map library" line (spec §6.2). */
    private static void reload(Daemon daemon) {
        if (daemon != null) {
            daemon.reload();
        } else {
            Log.reopen();
            Log.info("Reopened logger");
        }
    }

    private static void openLogger(Settings settings) throws StartupException {
        try {
            String note = LogSetup.configure(settings);
            if (note != null) {
                Log.notice(note);
                ReadyReport.note(note);   // a detached daemon's stderr is /dev/null: tell the launching terminal
            }
        } catch (IOException e) {
            // perdition: "Fatal error opening logger. Exiting." (spec §6.4)
            throw new StartupException(settings.programName + ": Fatal error opening logger (-F "
                    + settings.logFacility + "): " + e.getMessage(), e);
        }
    }

    /** Written before binding, as perdition does; removed on every exit, by a shutdown hook as a last resort. */
    private static Optional<PidFile> writePidFile(Settings settings) throws StartupException {
        Optional<Path> path = PidFile.pathFor(settings);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            PidFile pidFile = PidFile.create(path.get(), new PidFile.Owner(settings.username, settings.group));
            Runtime.getRuntime().addShutdownHook(new Thread(pidFile::close, "perdition-pid-file"));
            return Optional.of(pidFile);
        } catch (PidFile.PidFileException e) {
            throw new StartupException(settings.programName + ": " + e.getMessage(), e);
        }
    }
}
