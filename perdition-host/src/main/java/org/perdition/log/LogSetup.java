package org.perdition.log;

import java.io.IOException;
import java.nio.file.Path;
import org.perdition.config.Settings;

/** Points {@link Log} where {@code -F} says, at the level {@code -d}/{@code -q} say (spec §6.3, §6.4). */
public final class LogSetup {

    private LogSetup() {
    }

    /**
     * @return a note to log once the logger is up (why syslog is not used), or null
     * @throws IOException when the log file cannot be opened, or the facility name is unknown
     */
    public static String configure(Settings settings) throws IOException {
        String facility = settings.logFacility;
        Level threshold = settings.debug ? Level.DEBUG : settings.quiet ? Level.ERR : Level.INFO;
        String ident = settings.programName;
        if (facility.startsWith("/")) {
            Log.configure(StreamSink.file(ident, Path.of(facility)), threshold);
            return null;
        }
        if (facility.equals("-")) {
            Log.configure(StreamSink.stdout(ident), threshold);
            return null;
        }
        if (facility.equals("+")) {
            Log.configure(StreamSink.stderr(ident), threshold);
            return null;
        }
        int code = SyslogFacility.code(facility)
                .orElseThrow(() -> new IOException("unknown syslog facility \"" + facility + "\""));
        try {
            Log.configure(SyslogSink.open(code, ident), threshold);
            return null;
        } catch (IOException e) {
            // LOG_CONS spirit: no syslog daemon (or no epoll) must not stop the proxy; say so once, use stderr.
            Log.configure(StreamSink.stderr(ident), threshold);
            return "Cannot log to syslog facility " + facility + " (" + e.getMessage() + "): logging to stderr";
        }
    }
}
