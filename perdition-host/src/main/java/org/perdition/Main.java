package org.perdition;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.perdition.cli.HelpText;
import org.perdition.cli.SettingsLoader;
import org.perdition.cli.UsageException;
import org.perdition.config.Settings;
import org.perdition.log.Log;
import org.perdition.log.LogSetup;
import org.perdition.log.OptionDump;
import org.perdition.os.PrivilegeDrop;
import sun.misc.Signal;

/**
 * {@code bin/perdition} and its protocol-named links. The launcher passes its own name in the
 * system property {@code perdition.program}, which picks the protocol as argv[0] does for perdition.
 */
public final class Main {

    /** perdition exits 255 on usage and fatal errors (spec §7.8). */
    static final int EXIT_FAILURE = 255;

    private Main() {
    }

    public static void main(String[] args) {
        String program = System.getProperty("perdition.program", "perdition");
        Settings settings;
        try {
            settings = SettingsLoader.load(program, args);
        } catch (UsageException e) {
            if (e.helpRequested()) {
                System.out.print(HelpText.render());
                System.exit(0);
            }
            System.err.println(e.getMessage());
            System.exit(EXIT_FAILURE);
            return;
        }
        try {
            run(settings);
            System.exit(0);
        } catch (StartupException e) {
            // One line on stderr: through the log when it already goes there, else printed too.
            Log.err(e.getMessage());
            if (!Log.writesToStderr()) {
                System.err.println(e.getMessage());
            }
            System.exit(EXIT_FAILURE);
        }
    }

    private static void run(Settings settings) throws StartupException {
        try {
            String note = LogSetup.configure(settings);
            if (note != null) {
                Log.notice(note);
            }
        } catch (IOException e) {
            throw new StartupException(settings.programName + ": cannot open log file " + settings.logFacility
                    + ": " + e.getMessage(), e);
        }
        Log.info("Starting perdition version=2.2 (JVM " + Runtime.version() + ") protocol=" + settings.protocol);
        announceDeferredDefaults(settings);
        if (settings.debug) {
            Log.debug(OptionDump.of(settings));
        }
        PrivilegeDrop drop = PrivilegeDrop.prepare(settings);   // -u/-g resolved before anything is bound
        Daemon daemon = Daemon.start(settings, drop::apply);
        // The popmap logs its own "Reloading map library" line (spec §6.2).
        Signal.handle(new Signal("HUP"), s -> daemon.reload());
        CountDownLatch stopped = new CountDownLatch(1);
        SignalHandlerStop stop = signal -> {
            Log.info("Exiting on signal " + signal.getNumber());
            daemon.close();
            stopped.countDown();
        };
        Signal.handle(new Signal("TERM"), stop::handle);
        Signal.handle(new Signal("INT"), stop::handle);
        // -i and systemd Accept=yes: one connection, then exit 0 (spec §7.6).
        daemon.whenOneConnectionEnds(() -> {
            daemon.close();
            stopped.countDown();
        });
        // Netty's event loop threads are daemon threads: the main thread keeps the process alive.
        awaitUninterruptibly(stopped);
    }

    /** What TERM and INT do: close the listeners and sessions, then let main return (exit status 0). */
    private interface SignalHandlerStop {
        void handle(Signal signal);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // keep serving until a stop signal arrives
            }
        }
    }

    /** Defaults whose real behaviour comes with a later issue: say what we do instead (no silent change). */
    private static void announceDeferredDefaults(Settings settings) {
        if (!settings.noDaemon && !settings.logFacility.equals("-") && !settings.logFacility.equals("+")) {
            Log.info("Not detaching: daemon mode is not supported yet; running in the foreground");
        }
    }
}
