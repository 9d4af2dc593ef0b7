package org.perdition.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.perdition.config.Settings;

/**
 * The pid file of spec §7.2: only its last directory level is created (mode 0770), the file is created
 * exclusively (mode 0660) and holds the pid without a newline. A stale file, whose pid is not running, is
 * replaced; a live one refuses the start. perdition then exits 0 after "Exiting on signal 1" (bug); we do what
 * it meant and fail the start-up (exit 255). Removed on exit, by this process only.
 */
public final class PidFile implements AutoCloseable {

    private static final int ATTEMPTS = 3;   // create, find a stale file, replace it (a racing start may win)

    private final Path path;
    private final String content;

    private PidFile(Path path, String content) {
        this.path = path;
        this.content = content;
    }

    /** perdition's default, {@code /var/run/<program>/<program>.pid}. */
    public static Path defaultPath(String program) {
        return Path.of("/var/run", program, program + ".pid");
    }

    /** The pid file these settings ask for: none in inetd mode or with {@code --pid_file ""}. */
    public static Optional<Path> pathFor(Settings settings) {
        if (settings.inetdMode) {
            return Optional.empty();
        }
        if (settings.pidFile == null) {
            return Optional.of(defaultPath(settings.programName));
        }
        return settings.pidFile.isEmpty() ? Optional.empty() : Optional.of(Path.of(settings.pidFile));
    }

    /** Writes this process's pid to {@code path}. */
    public static PidFile create(Path path) throws PidFileException {
        return create(path, ProcessHandle.current().pid(), null);
    }

    /**
     * Writes this process's pid to {@code path}; when running as root, a directory it creates and the file
     * are handed to {@code owner} (the -u/-g user), as perdition does, so that the proxy can still remove
     * the file after it has dropped its privileges.
     */
    public static PidFile create(Path path, Owner owner) throws PidFileException {
        return create(path, ProcessHandle.current().pid(), owner);
    }

    static PidFile create(Path path, long pid) throws PidFileException {
        return create(path, pid, null);
    }

    private static PidFile create(Path path, long pid, Owner owner) throws PidFileException {
        String content = Long.toString(pid);
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (createLastDirectory(dir) && owner != null) {
                owner.apply(dir);
            }
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                try {
                    Files.write(path, content.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
                    if (owner != null) {
                        owner.apply(path);
                    }
                    return new PidFile(path, content);
                } catch (FileAlreadyExistsException e) {
                    replaceIfStale(path, pid);
                }
            }
            throw new PidFileException(path, "it keeps reappearing");
        } catch (IOException | UnsupportedOperationException e) {
            throw new PidFileException(path, e.getMessage());
        }
    }

    /** perdition creates only the last level; a missing grandparent is an error (spec §7.2). */
    /** @return true if this call created the directory */
    private static boolean createLastDirectory(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return false;
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwx---")));
            return true;
        } catch (FileAlreadyExistsException raced) {
            // another start made it: fine if it is a directory, the write reports it otherwise
            return false;
        } catch (NoSuchFileException e) {
            throw new IOException("directory " + dir.getParent() + " does not exist");
        }
    }

    private static void replaceIfStale(Path path, long ourPid) throws IOException, PidFileException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException gone) {
            return;
        }
        long other = parsePid(text);
        if (other > 0 && other != ourPid && isRunning(other)) {
            throw new PidFileException(path, "process " + other + " is running; is perdition already started?");
        }
        Files.deleteIfExists(path);
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;   // garbage: treated as stale
        }
    }

    static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public Path path() {
        return path;
    }

    /** Removes the file if it still holds our pid (never another process's file). */
    @Override
    public void close() {
        try {
            if (Files.readString(path, StandardCharsets.US_ASCII).trim().equals(content)) {
                Files.delete(path);
            }
        } catch (IOException gone) {
            // already removed: nothing to do
        }
    }

    /** Who the pid file and its directory belong to, by name: the run user and group (-u, -g). */
    public record Owner(String user, String group) {

        /** Only root can give files away; as anyone else (or for an unknown name) files stay ours. */
        void apply(Path path) throws IOException {
            if (!runningAsRoot()) {
                return;
            }
            var lookup = path.getFileSystem().getUserPrincipalLookupService();
            var view = Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class);
            try {
                view.setOwner(lookup.lookupPrincipalByName(user));
            } catch (java.nio.file.attribute.UserPrincipalNotFoundException unknown) {
                // -u names no user: the privilege drop reports it
            }
            try {
                view.setGroup(lookup.lookupPrincipalByGroupName(group));
            } catch (java.nio.file.attribute.UserPrincipalNotFoundException unknown) {
                // -g names no group: the privilege drop reports it
            }
        }

        private static boolean runningAsRoot() {
            try {
                return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    /** The pid file cannot be written; the message names it, in perdition's words. */
    public static final class PidFileException extends Exception {
        PidFileException(Path path, String reason) {
            super("Could not write pid file " + path + ": " + reason);
        }
    }
}
