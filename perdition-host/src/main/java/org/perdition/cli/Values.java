package org.perdition.cli;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.perdition.config.LogPasswd;
import org.perdition.config.Protocol;

/** Parsers for option values; each rejects what perdition 2.2 rejects (spec §1.1, §1.2, §6.4). */
final class Values {

    /** Largest seconds value whose milliseconds still fit an int. */
    static final int MAX_SECONDS = Integer.MAX_VALUE / 1000;
    static final int MAX_FAILURE_DELAY_SECONDS = 3600;

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._+-]*");
    private static final Set<String> SYSLOG_FACILITIES = Set.of(
            "auth", "authpriv", "cron", "daemon", "ftp", "kern", "lpr", "mail", "mark", "news",
            "security", "syslog", "user", "uucp",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");
    private static final Set<String> PROTO_VERSIONS = Set.of("sslv3", "tlsv1", "tlsv1.1", "tlsv1.2");

    private Values() {
    }

    /** "" means "not set" for string options (spec §1). */
    static String optional(String value) {
        return value.isEmpty() ? null : value;
    }

    /** Options marked "digits" in spec §1.1: decimal digits only, nothing else. */
    static int digits(String value, int max, String expected) throws InvalidValueException {
        if (!DIGITS.matcher(value).matches()) {
            throw new InvalidValueException(expected);
        }
        try {
            int n = Integer.parseInt(value);
            if (n > max) {
                throw new InvalidValueException(expected + ", at most " + max);
            }
            return n;
        } catch (NumberFormatException tooLong) {
            throw new InvalidValueException(expected + ", at most " + max);
        }
    }

    static int seconds(String value) throws InvalidValueException {
        return digits(value, MAX_SECONDS, "a number of seconds");
    }

    /** Ours: --failure_delay accepts decimals ("0.5"); returns milliseconds. */
    static int failureDelayMillis(String value) throws InvalidValueException {
        String expected = "a number of seconds from 0 to " + MAX_FAILURE_DELAY_SECONDS + ", decimals allowed";
        if (!DECIMAL.matcher(value).matches()) {
            throw new InvalidValueException(expected);
        }
        BigDecimal seconds = new BigDecimal(value);
        if (seconds.compareTo(BigDecimal.valueOf(MAX_FAILURE_DELAY_SECONDS)) > 0) {
            throw new InvalidValueException(expected);
        }
        return seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).intValueExact();
    }

    /** -l/-p: a number 1-65535 or a service name; "" = protocol default (spec §2.2). */
    static String port(String value) throws InvalidValueException {
        if (value.isEmpty()) {
            return null;
        }
        if (!isPort(value)) {
            throw new InvalidValueException("a port number (1-65535) or a service name");
        }
        return value;
    }

    static boolean isPort(String value) {
        if (DIGITS.matcher(value).matches()) {
            return value.length() <= 5 && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 65535;
        }
        return SERVICE_NAME.matcher(value).matches();
    }

    /** -P, case-insensitive (spec §1.1). */
    static Protocol protocol(String value) throws InvalidValueException {
        return Protocol.parse(value)
                .orElseThrow(() -> new InvalidValueException("POP3, POP3S, IMAP4, IMAP4S or MANAGESIEVE"));
    }

    /** --log_passwd, case-insensitive (spec §1.1). */
    static LogPasswd logPasswd(String value) throws InvalidValueException {
        try {
            return LogPasswd.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("never, fail, ok or always");
        }
    }

    /** --pid_file: absolute path, or "" for no pid file (spec §7.2). */
    static String pidFile(String value) throws InvalidValueException {
        if (!value.isEmpty() && !value.startsWith("/")) {
            throw new InvalidValueException("an absolute path or \"\"");
        }
        return value;
    }

    /** -F: /file, - (stdout), + (stderr) or a syslog facility name, case-sensitive (spec §6.4). */
    static String logFacility(String value) throws InvalidValueException {
        if (value.startsWith("/") || value.equals("-") || value.equals("+") || isSyslogFacility(value)) {
            return value;
        }
        throw new InvalidValueException("/path, - (stdout), + (stderr) or a syslog facility such as mail or local0");
    }

    static boolean isSyslogFacility(String value) {
        return SYSLOG_FACILITIES.contains(value);
    }

    /**
     * --ssl_*_proto_version keywords, case-insensitive (spec §1.2). Each option checks its OWN
     * value: perdition validated the listen value for the outgoing option (bug B20).
     */
    static String protoVersion(String value, boolean emptyMeansDefault) throws InvalidValueException {
        if (value.isEmpty() && emptyMeansDefault) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (!PROTO_VERSIONS.contains(lower)) {
            throw new InvalidValueException("sslv3, tlsv1, tlsv1.1 or tlsv1.2" + (emptyMeansDefault ? " or \"\"" : ""));
        }
        return lower;
    }

    /** -D: may be several characters, but not none. */
    static String delimiter(String value) throws InvalidValueException {
        if (value.isEmpty()) {
            throw new InvalidValueException("a non-empty delimiter");
        }
        return value;
    }

    /** Non-empty text (a directory, a user name...). */
    static String nonEmpty(String value, String expected) throws InvalidValueException {
        if (value.isEmpty()) {
            throw new InvalidValueException(expected);
        }
        return value;
    }

    /** -s/-b: comma list of host[:port] or [v6]:port entries (spec §4.2, §4.3); "" adds none. */
    static void hostPorts(String value, Consumer<String> into) throws InvalidValueException {
        if (value.isEmpty()) {
            return;
        }
        for (String entry : value.split(",", -1)) {
            if (!HostPort.isValid(entry)) {
                throw new InvalidValueException("host[:port] or [ipv6]:port entries separated by commas");
            }
        }
        for (String entry : value.split(",", -1)) {
            into.accept(entry);
        }
    }

    /** --query_key: comma list of formats (spec §4.1); a format cannot contain a comma. */
    static void queryKeys(String value, Consumer<String> into) throws InvalidValueException {
        if (value.isEmpty()) {
            return;
        }
        for (String format : value.split(",", -1)) {
            if (format.isEmpty()) {
                throw new InvalidValueException("non-empty key formats separated by commas");
            }
            // perdition accepted any escape and abandoned every lookup at run time (spec §4.1).
            String unknown = org.perdition.lookup.QueryKeys.unknownEscape(format);
            if (unknown != null) {
                throw new InvalidValueException("key formats with the escapes \\U \\u \\D \\d \\i \\I \\p \\P "
                        + "and \\\\ only (" + unknown + " is unknown)");
            }
        }
        for (String format : value.split(",", -1)) {
            into.accept(format);
        }
    }

    /** Ours: --proxy_protocol, comma list of addresses or CIDRs (net.TrustedNetworks); "" adds none. */
    static void proxyProtocol(String value, Consumer<String> into) throws InvalidValueException {
        if (value.isEmpty()) {
            return;
        }
        java.util.List<String> entries = java.util.List.of(value.split(",", -1));
        try {
            org.perdition.net.TrustedNetworks.parse(entries);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("IP addresses or CIDRs separated by commas; " + e.getMessage());
        }
        entries.forEach(into);
    }

    /** Ours: --client_server_allow, comma list of patterns (lookup.ClientServerAllowList); "" adds none. */
    static void clientServerAllow(String value, Consumer<String> into) throws InvalidValueException {
        if (value.isEmpty()) {
            return;
        }
        java.util.List<String> entries = java.util.List.of(value.split(",", -1));
        try {
            org.perdition.lookup.ClientServerAllowList.parse(entries);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("host names, *.suffix, addresses or CIDRs, each optionally :port or :*, "
                    + "separated by commas; " + e.getMessage());
        }
        entries.forEach(into);
    }
}
