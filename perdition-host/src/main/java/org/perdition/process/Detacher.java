package org.perdition.process;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.perdition.config.Settings;

/**
 * Daemon mode (spec §7.1): perdition forks, calls setsid and forks again unless {@code --no_daemon}, {@code -i},
 * {@code -F -} or {@code -F +}. A JVM cannot fork, so the process that parsed the options starts a second JVM
 * with the same JVM options, class path and arguments under {@code setsid(1)} (a new session, no controlling
 * terminal), stdin from /dev/null and stdout/stderr to /dev/null, and returns once the child reports that it
 * listens, or relays its start-up error.
 *
 * <p>Why in Java and not in the launcher script: whether to detach depends on the whole configuration, the
 * config file included ({@code no_daemon}, {@code log_facility +}, {@code inetd_mode}); only the Java option
 * parser knows it, and a second parser in sh would drift from it. The cost is one short-lived extra JVM.
 *
 * <p>The child opens the logger itself, so {@code -F /file} works in daemon mode (perdition's daemon could not
 * reopen a file logger after detaching and exited 255 silently, spec §6.4: we do what it meant).
 *
 * <p>Deviation: the child keeps the current directory (perdition changes to /), because relative paths in
 * the options (a popmap named {@code -m popmap.re}) are read again by the child and on every SIGHUP.
 */
public final class Detacher {

    /** How long the child may take to bind and report (JVM start on a loaded machine, a slow popmap). */
    static final Duration READY_DEADLINE = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 50;

    private Detacher() {
    }

    /** perdition detaches unless inetd mode, --no_daemon, or logging to stdout/stderr (spec §6.4, §7.1). */
    public static boolean wanted(Settings settings) {
        return !settings.noDaemon && !settings.inetdMode && !settings.logFacility.equals("-")
                && !settings.logFacility.equals("+") && !ReadyReport.isDetachedChild();
    }

    /**
     * Starts the detached child and waits for it to be ready.
     *
     * @return the exit status for this (parent) process: 0 once the child listens, else non-zero
     */
    public static int detach(String program, String[] args) {
        Path report;
        try {
            report = Files.createTempFile(program + "-ready-", "");
        } catch (IOException e) {
            System.err.println(program + ": cannot detach: " + e.getMessage());
            return 255;
        }
        try {
            Process child = new ProcessBuilder(childCommand(report, args))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return awaitReady(program, child, report);
        } catch (IOException e) {
            System.err.println(program + ": cannot start the daemon: " + e.getMessage());
            return 255;
        } finally {
            try {
                Files.deleteIfExists(report);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }

    private static List<String> childCommand(Path report, String[] args) {
        List<String> command = new ArrayList<>();
        Path setsid = findSetsid();
        if (setsid != null) {
            command.add(setsid.toString());
        }
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-D" + ReadyReport.PROPERTY + "=" + report);
        command.add(org.perdition.Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** setsid(1) from util-linux; without it the child still runs, in our session (said on stderr). */
    private static Path findSetsid() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String fallback : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(fallback))) {
                return Path.of(fallback);
            }
        }
        System.err.println("perdition: setsid not found: the daemon stays in this terminal's session");
        return null;
    }

    private static int awaitReady(String program, Process child, Path report) throws IOException {
        Instant deadline = Instant.now().plus(READY_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            boolean exited = waitFor(child);
            // read after the wait: a child that wrote its last line and exited during the wait is seen whole
            List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.equals(ReadyReport.READY)) {
                    printNotes(program, lines);
                    return 0;
                }
                if (line.startsWith(ReadyReport.FAILED)) {
                    printNotes(program, lines);
                    System.err.println(line.substring(ReadyReport.FAILED.length()));
                    return exited ? nonZero(child.exitValue()) : 255;
                }
            }
            if (exited) {
                printNotes(program, lines);
                System.err.println(program + ": the daemon exited with status " + child.exitValue()
                        + " before it was listening");
                return nonZero(child.exitValue());
            }
        }
        child.destroy();
        System.err.println(program + ": the daemon did not start listening within " + READY_DEADLINE.toSeconds()
                + " s; stopped it");
        return 255;
    }

    private static boolean waitFor(Process child) {
        try {
            return child.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !child.isAlive();
        }
    }

    private static int nonZero(int status) {
        return status == 0 ? 255 : status;
    }

    private static void printNotes(String program, List<String> lines) {
        for (String line : lines) {
            if (line.startsWith(ReadyReport.NOTE)) {
                System.err.println(program + ": " + line.substring(ReadyReport.NOTE.length()));
            }
        }
    }
}
