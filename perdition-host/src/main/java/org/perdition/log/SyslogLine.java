package org.perdition.log;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * One RFC 3164 message as glibc's syslog(3) sends it to the local socket, which is what perdition's
 * {@code openlog(ident, LOG_PID|LOG_CONS, facility)} produces: {@code <PRI>Mmm dd hh:mm:ss ident[pid]: message}
 * (no host name: the local syslog daemon adds it). Local time, day space-padded (RFC 3164 §4.1.2).
 */
public final class SyslogLine {

    private final int facilityCode;
    private final String ident;
    private final long pid;

    public SyslogLine(int facilityCode, String ident, long pid) {
        this.facilityCode = facilityCode;
        this.ident = ident;
        this.pid = pid;
    }

    public String format(Level level, String message, LocalDateTime when) {
        return format(level, message, SecondStamp.format(when));
    }

    private String format(Level level, String message, String stamp) {
        return "<" + SyslogFacility.priority(facilityCode, level) + ">" + stamp + " " + ident + "[" + pid + "]: "
                + message;
    }

    /** The datagram: UTF-8, no trailing newline (glibc sends none either). */
    public byte[] datagram(Level level, String message) {
        return format(level, message, SecondStamp.now()).getBytes(StandardCharsets.UTF_8);
    }
}
