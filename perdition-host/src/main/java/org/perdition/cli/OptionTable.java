package org.perdition.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.perdition.config.Settings;

/**
 * Every option this program accepts: perdition 2.2's general options (spec §1.1), its TLS
 * options ({@link TlsOptions}, spec §1.2) and ours. The single source for the parser, the
 * config file, --help and the man page test.
 */
final class OptionTable {

    static final List<OptionSpec> ALL;
    private static final Map<String, OptionSpec> BY_LONG = new LinkedHashMap<>();
    private static final Map<String, OptionSpec> BY_SHORT = new LinkedHashMap<>();

    static {
        List<OptionSpec> all = new ArrayList<>();
        all.addAll(GeneralOptions.specs());
        all.addAll(TlsOptions.specs());
        all.addAll(ourOptions());
        ALL = Collections.unmodifiableList(all);
        for (OptionSpec spec : ALL) {
            BY_LONG.put(spec.longName(), spec);
            if (spec.shortName() != null) {
                BY_SHORT.put(spec.shortName(), spec);
            }
        }
    }

    private OptionTable() {
    }

    static Optional<OptionSpec> byLongName(String name) {
        return Optional.ofNullable(BY_LONG.get(name));
    }

    static Optional<OptionSpec> byShortName(String name) {
        return Optional.ofNullable(BY_SHORT.get(name));
    }

    /** A flag: on when given, there is no way to turn it off again (spec §1). */
    static OptionSpec flag(String shortName, String longName, OptionGroup group, String description,
                           java.util.function.Consumer<Settings> set) {
        return new OptionSpec(shortName, longName, null, group, null, description, false, List.of(longName),
                (settings, value) -> set.accept(settings));
    }

    static OptionSpec value(String shortName, String longName, String argName, OptionGroup group,
                            String defaultText, String description, OptionSpec.Handler handler) {
        return new OptionSpec(shortName, longName, argName, group, defaultText, description, false,
                List.of(longName), handler);
    }

    /** Ours (long only). */
    private static List<OptionSpec> ourOptions() {
        OptionGroup g = OptionGroup.OURS;
        return List.of(
                value(null, "auth_failure_limit", "N", g, "0 (off)",
                        "Refuse logins from a client address (IPv6: its /64) at once after N refused passwords, "
                        + "each within --auth_failure_window of the one before, until that window has passed.",
                        (s, v) -> s.authFailureLimit = Values.digits(v, 1_000_000, "a number of failed logins")),
                value(null, "auth_failure_window", "SECONDS", g, "60",
                        "The window of --auth_failure_limit (at least 1).",
                        (s, v) -> s.authFailureWindowSeconds = atLeast(Values.seconds(v), 1)),
                value(null, "client_server_allow", "PATTERN[,PATTERN...]", g, "none (any back-end)",
                        "Back-ends a -c client may name: host, *.suffix, address or CIDR ([v6] in brackets), "
                        + "each optionally :port or :* (without it only the default outgoing port). "
                        + "Names match what the client wrote; addresses must cover every address it resolves to.",
                        (s, v) -> Values.clientServerAllow(v, s.clientServerAllow::add)).accumulating(),
                value(null, "failure_delay", "SECONDS", g, "3",
                        "Pause before every failed-login reply; decimals allowed (0.5). perdition always waits 3 s.",
                        (s, v) -> s.failureDelayMillis = Values.failureDelayMillis(v)),
                value(null, "max_line_length", "BYTES", g, "8192",
                        "Longest command line accepted before login, CRLF included (at least 512).",
                        (s, v) -> s.maxLineLength = atLeast(Values.digits(v, Integer.MAX_VALUE,
                                "a number of bytes, at least 512"), 512)),
                value(null, "max_literal_size", "BYTES", g, "8192",
                        "Largest IMAP or ManageSieve literal accepted before login.",
                        (s, v) -> s.maxLiteralSize = Values.digits(v, Integer.MAX_VALUE, "a number of bytes")),
                value(null, "pam_service", "NAME", g, "perdition",
                        "PAM service (file in /etc/pam.d) used by --authenticate_in.",
                        (s, v) -> s.pamService = pamService(v)),
                value(null, "plugin_dir", "DIR", g,
                        "property perdition.plugin.dir, else " + SettingsLoader.DEFAULT_PLUGIN_DIR,
                        "Directory searched for map plugins (jar files).",
                        (s, v) -> s.pluginDirectory = java.nio.file.Path.of(Values.nonEmpty(v, "a directory"))),
                value(null, "proxy_protocol", "NETWORK[,NETWORK...]", g, "none (no PROXY header)",
                        "Every connection starts with a PROXY protocol header (v1 or v2) from an L4 balancer in "
                        + "these networks (address or CIDR); its source address becomes the client's. "
                        + "Connections from elsewhere are closed.",
                        (s, v) -> Values.proxyProtocol(v, s.proxyProtocolFrom::add)).accumulating(),
                value(null, "shutdown_grace", "SECONDS", g, "10",
                        "On SIGTERM/SIGINT, how long open sessions may go on after listening stops; 0 = close at once.",
                        (s, v) -> s.shutdownGraceSeconds = Values.seconds(v)));
    }

    /**
     * A file name in /etc/pam.d: Linux-PAM joins it to the directory, so a "/" or ".." would
     * leave it; only the characters service files are named with are accepted.
     */
    private static String pamService(String name) throws InvalidValueException {
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9._+-]*")) {
            throw new InvalidValueException("a PAM service name (letters, digits, . _ + -)");
        }
        return name;
    }

    private static int atLeast(int n, int min) throws InvalidValueException {
        if (n < min) {
            throw new InvalidValueException("a number of bytes, at least " + min);
        }
        return n;
    }
}
