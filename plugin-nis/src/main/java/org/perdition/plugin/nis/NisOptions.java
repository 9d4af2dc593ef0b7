package org.perdition.plugin.nis;

import java.util.Locale;
import java.util.Optional;
import org.perdition.plugin.api.LookupException;

/**
 * The {@code -m} string of the nis plugin.
 *
 * <pre>
 *   [map][@[domain][@host[:port]]][,key=value...]
 *   keys: map, domain, server (host[:port]), timeout (seconds, default 5), attempts (1-10, default 3)
 * </pre>
 *
 * perdition's option is the bare map name (spec §5.9), default {@value #DEFAULT_MAP}, with the
 * default NIS domain; every such string means the same here. The rest is our extension:
 * {@code user_mail_server@example.org@127.0.0.1:834} names the domain and the ypserv explicitly,
 * {@code @@nis1:834} keeps the default map and domain. A server without a port is asked for ypserv's
 * port through its portmapper (port 111). No server: the domain's binding, as a YP client finds it
 * ({@link YpServerLocator}). Map and domain names cannot contain {@code @} or {@code ,}.
 */
record NisOptions(String map, Optional<String> domain, Optional<ServerAddress> server, long timeoutMillis,
        int attempts) {

    static final String DEFAULT_MAP = "user_mail_server";
    static final long DEFAULT_TIMEOUT_MILLIS = 5000;
    static final int DEFAULT_ATTEMPTS = 3;
    /** YPMAXDOMAIN and YPMAXMAP from yp_prot.h. */
    private static final int YP_MAX_NAME = 64;

    /** @param port empty: ask the portmapper on {@code host} */
    record ServerAddress(String host, Optional<Integer> port) {
    }

    static NisOptions parse(String option) throws LookupException {
        String map = DEFAULT_MAP;
        String domain = null;
        ServerAddress server = null;
        long timeout = DEFAULT_TIMEOUT_MILLIS;
        int attempts = DEFAULT_ATTEMPTS;
        String[] parts = option.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            int eq = part.indexOf('=');
            if (i == 0 && eq < 0) {
                String[] fields = part.split("@", -1);
                if (fields.length > 3) {
                    throw bad(option, "expected map[@domain[@host[:port]]]");
                }
                map = fields[0].isEmpty() ? map : fields[0];
                domain = fields.length > 1 && !fields[1].isEmpty() ? fields[1] : null;
                server = fields.length > 2 && !fields[2].isEmpty() ? server(option, fields[2]) : null;
                continue;
            }
            if (eq <= 0) {
                throw bad(option, "'" + part + "' is not key=value");
            }
            String value = part.substring(eq + 1).strip();
            switch (part.substring(0, eq).strip().toLowerCase(Locale.ROOT)) {
                case "map" -> map = value;
                case "domain" -> domain = value;
                case "server" -> server = server(option, value);
                case "timeout" -> timeout = timeout(option, value);
                case "attempts", "retries" -> attempts = attempts(option, value);
                default -> throw bad(option, "unknown key '" + part.substring(0, eq) + "'");
            }
        }
        checkName(option, "map", map);
        if (domain != null) {
            checkName(option, "domain", domain);
        }
        return new NisOptions(map, Optional.ofNullable(domain), Optional.ofNullable(server), timeout, attempts);
    }

    private static void checkName(String option, String what, String name) throws LookupException {
        if (name.isEmpty() || name.length() > YP_MAX_NAME || name.chars().anyMatch(c -> c <= ' ' || c == '/')) {
            throw bad(option, "bad " + what + " name '" + name + "' (1-" + YP_MAX_NAME
                    + " characters, no blanks or '/')");
        }
    }

    private static ServerAddress server(String option, String text) throws LookupException {
        String host = text;
        String port = null;
        if (text.startsWith("[")) { // [IPv6]:port
            int close = text.indexOf(']');
            if (close < 0) {
                throw bad(option, "unterminated '[' in server '" + text + "'");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw bad(option, "bad server '" + text + "'");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw bad(option, "empty host in server '" + text + "'");
        }
        if (port == null) {
            return new ServerAddress(host, Optional.empty());
        }
        try {
            int number = Integer.parseInt(port);
            if (number < 1 || number > 65535) {
                throw new NumberFormatException();
            }
            return new ServerAddress(host, Optional.of(number));
        } catch (NumberFormatException e) {
            throw bad(option, "bad port '" + port + "' in server '" + text + "'");
        }
    }

    private static long timeout(String option, String text) throws LookupException {
        try {
            double seconds = Double.parseDouble(text);
            if (!(seconds >= 0.01 && seconds <= 600)) {
                throw new NumberFormatException();
            }
            return Math.round(seconds * 1000);
        } catch (NumberFormatException e) {
            throw bad(option, "bad timeout '" + text + "' (seconds, 0.01 to 600)");
        }
    }

    private static int attempts(String option, String text) throws LookupException {
        try {
            int attempts = Integer.parseInt(text);
            if (attempts < 1 || attempts > 10) {
                throw new NumberFormatException();
            }
            return attempts;
        } catch (NumberFormatException e) {
            throw bad(option, "bad attempts '" + text + "' (1 to 10)");
        }
    }

    private static LookupException bad(String option, String why) {
        return new LookupException(LookupException.Kind.CONFIGURATION,
                "nis: bad map_library_opt '" + option + "': " + why);
    }
}
