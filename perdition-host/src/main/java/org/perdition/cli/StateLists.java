package org.perdition.cli;

import java.util.EnumSet;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.perdition.config.SslMode;
import org.perdition.config.UserState;

/** The comma lists of -A/-S/--lower_case (spec §1.3) and --ssl_mode (spec §1.4). */
final class StateLists {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private StateLists() {
    }

    /**
     * Adds the listed states (case-insensitive, aliases allowed). With {@code depth} non-null a
     * digits-only item is -A's STRIP_DEPTH. perdition ignores unknown tokens in the config file;
     * here they are an error wherever they come from.
     */
    static void states(String value, EnumSet<UserState> into, IntConsumer depth) throws InvalidValueException {
        String expected = "a comma list of servername_lookup, local_authentication, remote_login, all"
                + (depth != null ? " and a strip depth" : "");
        for (String raw : value.split(",", -1)) {
            String token = raw.trim().toLowerCase(Locale.ROOT);
            switch (token) {
                case "servername_lookup", "server_lookup" -> into.add(UserState.SERVERNAME_LOOKUP);
                case "local_authentication", "local_auth" -> into.add(UserState.LOCAL_AUTHENTICATION);
                case "remote_login" -> into.add(UserState.REMOTE_LOGIN);
                case "all" -> into.addAll(EnumSet.allOf(UserState.class));
                default -> {
                    if (depth == null || !DIGITS.matcher(token).matches() || token.length() > 4) {
                        throw new InvalidValueException(expected);
                    }
                    depth.accept(Integer.parseInt(token));
                }
            }
        }
    }

    /** --ssl_mode: OR-ed flags; ssl_X and tls_X on the same side are rejected (spec §1.4). */
    static void sslModes(String value, EnumSet<SslMode> into) throws InvalidValueException {
        EnumSet<SslMode> modes = EnumSet.copyOf(into); // checked together with earlier uses (spec §1.4)
        for (String raw : value.split(",", -1)) {
            switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "none" -> { }
                case "ssl_listen" -> modes.add(SslMode.SSL_LISTEN);
                case "ssl_outgoing" -> modes.add(SslMode.SSL_OUTGOING);
                case "ssl_all" -> modes.addAll(EnumSet.of(SslMode.SSL_LISTEN, SslMode.SSL_OUTGOING));
                case "tls_listen" -> modes.add(SslMode.TLS_LISTEN);
                case "tls_outgoing" -> modes.add(SslMode.TLS_OUTGOING);
                case "tls_all" -> modes.addAll(EnumSet.of(SslMode.TLS_LISTEN, SslMode.TLS_OUTGOING));
                case "tls_listen_force" -> modes.addAll(EnumSet.of(SslMode.TLS_LISTEN, SslMode.TLS_LISTEN_FORCE));
                case "tls_outgoing_force" ->
                        modes.addAll(EnumSet.of(SslMode.TLS_OUTGOING, SslMode.TLS_OUTGOING_FORCE));
                case "tls_all_force" -> modes.addAll(EnumSet.of(SslMode.TLS_LISTEN, SslMode.TLS_OUTGOING,
                        SslMode.TLS_LISTEN_FORCE, SslMode.TLS_OUTGOING_FORCE));
                default -> throw new InvalidValueException("a comma list of none, ssl_listen, ssl_outgoing, "
                        + "ssl_all, tls_listen, tls_outgoing, tls_all, tls_listen_force, tls_outgoing_force, "
                        + "tls_all_force");
            }
        }
        if ((modes.contains(SslMode.SSL_LISTEN) && modes.contains(SslMode.TLS_LISTEN))
                || (modes.contains(SslMode.SSL_OUTGOING) && modes.contains(SslMode.TLS_OUTGOING))) {
            throw new InvalidValueException("a valid ssl_mode combination: ssl_listen and tls_listen, or "
                    + "ssl_outgoing and tls_outgoing, cannot be combined");
        }
        into.addAll(modes);
    }
}
