package org.perdition.process;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

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

    /** Open from {@link #open} on (the descriptor outlives the privilege drop); null outside a detached child. */
    private static FileOutputStream out;

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

    /**
     * Opens the report file now, while the process is still root: after -u/-g the daemon could no longer
     * open the launcher's file, and "ready" would never arrive. Call first thing in main.
     */
    public static synchronized void open() {
        String file = System.getProperty(PROPERTY);
        if (file == null || out != null) {
            return;
        }
        try {
            out = new FileOutputStream(file, true);
        } catch (IOException e) {
            // The launching process is gone or gave up on us: nobody is left to tell.
        }
    }

    private static synchronized void append(String line) {
        open();
        if (out == null) {
            return;
        }
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // The launching process is gone or gave up on us: nobody is left to tell.
        }
    }
}
