package org.perdition.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The detached child's side of the readiness handshake with {@link Detacher}: a file named by the system
 * property {@value #PROPERTY}, to which the child appends {@code note <text>} lines (shown on the launching
 * terminal, since the child's own stderr is /dev/null), then {@code ready} once it listens, or
 * {@code failed <message>} when start-up fails.
 */
public final class ReadyReport {

    public static final String PROPERTY = "perdition.daemon.ready";

    static final String NOTE = "note ";
    static final String READY = "ready";
    static final String FAILED = "failed ";

    private ReadyReport() {
    }

    /** True in the child that a {@link Detacher} started. */
    public static boolean isDetachedChild() {
        return System.getProperty(PROPERTY) != null;
    }

    public static void note(String text) {
        append(NOTE + oneLine(text));
    }

    public static void ready() {
        append(READY);
    }

    public static void failed(String message) {
        append(FAILED + oneLine(message));
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    private static void append(String line) {
        String file = System.getProperty(PROPERTY);
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            // The launching process is gone or gave up on us: nobody is left to tell.
        }
    }
}
