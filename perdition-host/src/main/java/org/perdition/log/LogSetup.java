package org.perdition.log;

import java.io.IOException;
import java.nio.file.Path;
import org.perdition.config.Settings;

/** Points {@link Log} where {@code -F} says, at the level {@code -d}/{@code -q} say (spec §6.3, §6.4). */
public final class LogSetup {

    private LogSetup() {
    }

    /** @return a note to log once the logger is up, or null */
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
        Log.configure(StreamSink.stderr(ident), threshold);
        if (facility.equals("+")) {
            return null;
        }
        // The default is syslog facility "mail"; the /dev/log writer arrives with the service issue.
        return "Logging to stderr: syslog (-F " + facility + ") is not supported yet";
    }
}
