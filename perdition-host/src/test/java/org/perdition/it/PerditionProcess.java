package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real launcher, {@code dist/bin/<name>}, run as a child process from the top of the checkout,
 * as an admin runs it. stdout and stderr go to files (no pipe can fill up and block the child).
 *
 * <p>The class path comes from {@code PERDITION_CLASSPATH} (honoured by the launcher), set to this
 * test JVM's class path: in {@code mvn verify} the host's tests run before the dist module fills
 * {@code dist/lib}, so lib/ may be empty or stale here. Plugins still come from the launcher's own
 * {@code plugins/} (the top-level {@code plugins/}, filled by plugin-posix-regex, which Maven builds
 * before the host).
 */
public final class PerditionProcess implements AutoCloseable {

    static final Duration START_DEADLINE = Duration.ofSeconds(30);   // JVM start on a loaded 2-core CI
    static final Duration EXIT_DEADLINE = Duration.ofSeconds(30);

    private static final String PID_FILE = "perdition.pid";

    private final Process process;
    private final Path dir;

    private PerditionProcess(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /** The top of the checkout: surefire runs in perdition-host/, the launcher is in ../dist/bin. */
    public static Path checkoutRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("dist/bin/perdition"))) {
                return p;
            }
        }
        throw new IllegalStateException("no dist/bin/perdition above " + here);
    }

    /** The class path of this test JVM (surefire may hide it behind a manifest-only jar). */
    static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Starts {@code dist/bin/<program> args...} with the test class path. */
    public static PerditionProcess start(String program, String... args) throws IOException {
        return start(program, true, args);
    }

    /**
     * Starts the launcher; {@code ownClassPath} false runs it exactly as installed (lib/*), for the
     * test that checks the packaged layout.
     */
    public static PerditionProcess start(String program, boolean ownClassPath, String... args) throws IOException {
        return start(List.of(), program, ownClassPath, "", args);
    }

    /** Starts the launcher with {@code JAVA_OPTS} set, e.g. to a system property such as the syslog socket. */
    public static PerditionProcess startWithJavaOpts(String program, String javaOpts, String... args)
            throws IOException {
        return start(List.of(), program, true, javaOpts, args);
    }

    /**
     * Starts {@code wrapper... dist/bin/<program> args...}: the launcher run by another program,
     * such as {@code systemd-socket-activate}, which passes on only the environment named with
     * {@code -E}: the wrapper gets {@code -E PATH -E PERDITION_CLASSPATH} (and JAVA_HOME) appended.
     * {@link #pid()} is then the wrapper's.
     */
    public static PerditionProcess startUnder(List<String> wrapper, String program, String... args)
            throws IOException {
        List<String> withEnvironment = new ArrayList<>(wrapper);
        for (String variable : List.of("PATH", "PERDITION_CLASSPATH", "JAVA_HOME")) {
            if (variable.equals("PERDITION_CLASSPATH") || System.getenv(variable) != null) {
                withEnvironment.addAll(List.of("-E", variable));
            }
        }
        return start(withEnvironment, program, true, "", args);
    }

    /**
     * Unless the arguments name a pid file, one in this process's temp dir is passed first: the default
     * (/var/run/<program>/) would be shared by every test, and by other checkouts testing at the same time.
     * The temp dir is open to everyone: started as root the proxy drops to nobody after binding, and
     * must still remove its pid file and create a log file there after SIGHUP.
     */
    private static PerditionProcess start(List<String> wrapper, String program, boolean ownClassPath,
                                          String javaOpts, String... args)
            throws IOException {
        Path root = checkoutRoot();
        Path dir = Files.createTempDirectory("perdition-process");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> command = new ArrayList<>(wrapper);
        command.add(root.resolve("dist/bin").resolve(program).toString());
        if (List.of(args).stream().noneMatch(a -> a.startsWith("--pid_file"))) {
            command.add("--pid_file");
            command.add(dir.resolve(PID_FILE).toString());
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        if (javaOpts.isEmpty()) {
            builder.environment().remove("JAVA_OPTS");
        } else {
            builder.environment().put("JAVA_OPTS", javaOpts);
        }
        if (ownClassPath) {
            builder.environment().put("PERDITION_CLASSPATH", testClassPath());
        } else {
            builder.environment().remove("PERDITION_CLASSPATH");
        }
        try {
            return new PerditionProcess(builder.start(), dir);
        } catch (IOException e) {
            FileTrees.deleteQuietly(dir);
            throw e;
        }
    }

    /** The pid file passed when the test named none. */
    public Path defaultPidFile() {
        return dir.resolve(PID_FILE);
    }

    /**
     * Started as root, the launcher drops to nobody/nogroup once it has bound (spec §7.1), so what
     * it reads later (a popmap per lookup or on SIGHUP) must be readable by nobody: JUnit's temp
     * directories are root's and 0700. Opens {@code dir} and its files to everyone for reading.
     */
    public static void readableAfterPrivilegeDrop(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = Files.getPosixFilePermissions(p);
                mode.add(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
                mode.add(java.nio.file.attribute.PosixFilePermission.GROUP_READ);
                if (Files.isDirectory(p)) {
                    mode.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                    mode.add(java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE);
                }
                Files.setPosixFilePermissions(p, mode);
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() {
        return FileTrees.readQuietly(dir.resolve("stdout"));
    }

    public String stderr() {
        return FileTrees.readQuietly(dir.resolve("stderr"));
    }

    /** Waits for the process to end and returns its exit status; fails the test if it does not end. */
    public int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(EXIT_DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .as("perdition still running after %s; stderr:%n%s", EXIT_DEADLINE, stderr())
                .isTrue();
        return process.exitValue();
    }

    /** Waits up to {@code millis} for the process to end (a poll interval); true if it has ended. */
    public boolean awaitExitQuietly(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until stderr (the log with {@code -F +}) contains the "Listening on" line: no probe
     * connection, so none counts against {@code --connection_limit}.
     */
    public void awaitListening() throws InterruptedException {
        awaitStderr("Listening on ");
    }

    /** Waits until stderr contains {@code text}; fails at once if the process exits first. */
    public void awaitStderr(String text) throws InterruptedException {
        await(this::stderr, "stderr", text);
    }

    /** Waits until {@code file} (a -F log file) contains {@code text}; fails at once if the process exits first. */
    public void awaitFile(Path file, String text) throws InterruptedException {
        await(() -> FileTrees.readQuietly(file), file.toString(), text);
    }

    private void await(java.util.function.Supplier<String> source, String what, String text)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (source.get().contains(text)) {
                return;
            }
            if (process.waitFor(50, TimeUnit.MILLISECONDS)) {   // the poll interval, noticing an early exit
                assertThat(source.get()).as("perdition exited with %d; stderr:%n%s", process.exitValue(), stderr())
                        .contains(text);
                return;
            }
        }
        assertThat(source.get()).as("%s within %s", what, START_DEADLINE).contains(text);
    }

    /** Sends a signal by name (HUP, TERM) with kill(1), as an admin would. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s %d", name, pid()).isZero();
    }

    /** Kills the process (and anything it started) and deletes its output files. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        try {
            process.waitFor(EXIT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        FileTrees.deleteQuietly(dir);
    }

    /** stderr's lines, for "exactly one line" checks. */
    public List<String> stderrLines() {
        return stderr().lines().toList();
    }
}
