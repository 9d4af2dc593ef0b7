package org.perdition.log;

import java.util.Map;
import java.util.Optional;

/**
 * The syslog facility names {@code -F} accepts, with their codes from {@code <syslog.h>}
 * (spec §6.4). Names are case-sensitive, as in perdition; {@code security} is the old alias of
 * {@code auth}, and {@code mark} is glibc's internal facility 24 (INTERNAL_MARK), accepted by
 * perdition, so we send what its syslog(3) would.
 */
public final class SyslogFacility {

    private static final Map<String, Integer> CODES = Map.ofEntries(
            Map.entry("kern", 0), Map.entry("user", 1), Map.entry("mail", 2), Map.entry("daemon", 3),
            Map.entry("auth", 4), Map.entry("security", 4), Map.entry("syslog", 5), Map.entry("lpr", 6),
            Map.entry("news", 7), Map.entry("uucp", 8), Map.entry("cron", 9), Map.entry("authpriv", 10),
            Map.entry("ftp", 11), Map.entry("mark", 24),
            Map.entry("local0", 16), Map.entry("local1", 17), Map.entry("local2", 18), Map.entry("local3", 19),
            Map.entry("local4", 20), Map.entry("local5", 21), Map.entry("local6", 22), Map.entry("local7", 23));

    private SyslogFacility() {
    }

    /** The facility code (0..24) of a name, empty for a name that is not a facility. */
    public static Optional<Integer> code(String name) {
        return Optional.ofNullable(CODES.get(name));
    }

    public static boolean isFacility(String name) {
        return CODES.containsKey(name);
    }

    /** Syslog severity of a level: err 3, warning 4, notice 5, info 6, debug 7 (RFC 3164 §4.1.1). */
    public static int severity(Level level) {
        return switch (level) {
            case ERR -> 3;
            case WARNING -> 4;
            case NOTICE -> 5;
            case INFO -> 6;
            case DEBUG -> 7;
        };
    }

    /** {@code <PRI>} value: facility * 8 + severity. */
    public static int priority(int facilityCode, Level level) {
        return facilityCode * 8 + severity(level);
    }
}
