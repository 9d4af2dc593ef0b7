package org.perdition.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3164 lines as glibc's syslog(3) writes them for perdition's openlog(ident, LOG_PID|LOG_CONS, facility). */
class SyslogLineTest {

    @ParameterizedTest(name = "{0} {1} -> <{2}>")
    @CsvSource({
            "mail, INFO, 22",        // perdition's default facility
            "mail, NOTICE, 21",      // Auth: lines
            "mail, ERR, 19",
            "kern, ERR, 3",
            "user, DEBUG, 15",
            "daemon, WARNING, 28",
            "auth, INFO, 38",
            "security, INFO, 38",   // old alias of auth
            "authpriv, INFO, 86",
            "local0, NOTICE, 133",
            "local3, NOTICE, 157",
            "local7, DEBUG, 191",
            "mark, INFO, 198"})     // glibc's INTERNAL_MARK (24 << 3)
    void priorityIsFacilityTimesEightPlusSeverity(String facility, Level level, int pri) {
        int code = SyslogFacility.code(facility).orElseThrow();
        assertThat(new SyslogLine(code, "perdition.imap4", 42).format(level, "x", LocalDateTime.of(2024, 3, 9, 7, 5, 1)))
                .startsWith("<" + pri + ">");
    }

    @Test
    void lineHasTimestampIdentPidAndMessage() {
        SyslogLine line = new SyslogLine(2, "perdition.pop3", 4711);
        assertThat(line.format(Level.INFO, "Connect:  127.0.0.1:1->127.0.0.1:2", LocalDateTime.of(2024, 3, 9, 7, 5, 1)))
                .isEqualTo("<22>Mar  9 07:05:01 perdition.pop3[4711]: Connect:  127.0.0.1:1->127.0.0.1:2");
        assertThat(line.format(Level.NOTICE, "m", LocalDateTime.of(2024, 12, 25, 23, 59, 59)))
                .isEqualTo("<21>Dec 25 23:59:59 perdition.pop3[4711]: m");
    }

    @Test
    void datagramIsUtf8WithoutNewline() {
        byte[] datagram = new SyslogLine(2, "p", 1).datagram(Level.INFO, "caf\u00e9");
        String text = new String(datagram, StandardCharsets.UTF_8);
        assertThat(text).matches("<22>[A-Z][a-z]{2} [ 0-9][0-9] \\d\\d:\\d\\d:\\d\\d p\\[1\\]: caf\u00e9");
    }

    @Test
    void unknownNamesAreNotFacilities() {
        assertThat(SyslogFacility.code("MAIL")).isEmpty();   // case-sensitive, as perdition
        assertThat(SyslogFacility.code("mial")).isEmpty();
        assertThat(SyslogFacility.isFacility("local8")).isFalse();
        assertThat(SyslogFacility.isFacility("uucp")).isTrue();
    }
}
