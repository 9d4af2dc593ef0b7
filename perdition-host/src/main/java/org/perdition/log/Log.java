package org.perdition.log;

/**
 * The process-wide logger. Configured once at start-up from -F, -d and -q (spec §6.3);
 * before that, lines go to stderr. Thread-safe.
 *
 * <p>Callers must never pass a password unless --log_passwd asked for it, and must pass
 * client-supplied text through {@link #sanitize(String)} (perdition's bug B6: unescaped names
 * could forge log lines).
 */
public final class Log {

    private static volatile LogSink sink = StreamSink.stderr("perdition");
    private static volatile Level threshold = Level.INFO;

    private Log() {
    }

    public static void configure(LogSink newSink, Level newThreshold) {
        LogSink old = sink;
        sink = newSink;
        threshold = newThreshold;
        if (old != newSink) {
            old.close();
        }
    }

    public static boolean enabled(Level level) {
        return level.isAtLeast(threshold);
    }

    public static void log(Level level, String line) {
        if (enabled(level)) {
            sink.write(level, line);
        }
    }

    public static void err(String line) {
        log(Level.ERR, line);
    }

    public static void warning(String line) {
        log(Level.WARNING, line);
    }

    public static void notice(String line) {
        log(Level.NOTICE, line);
    }

    public static void info(String line) {
        log(Level.INFO, line);
    }

    public static void debug(String line) {
        log(Level.DEBUG, line);
    }

    /** True when log lines already reach standard error (-F +, or the fallback for syslog). */
    public static boolean writesToStderr() {
        return sink instanceof StreamSink stream && stream.isStderr();
    }

    public static void reopen() {
        sink.reopen();
    }

    /**
     * At exit: closes the sink (a syslog sink sends what it queued) and goes back to stderr for whatever
     * is logged after.
     */
    public static void close() {
        configure(StreamSink.stderr("perdition"), threshold);
    }

    /** Escapes control characters, quotes and backslashes so remote text cannot break a log line. */
    public static String sanitize(String text) {
        if (text == null) {
            return "(null)";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
