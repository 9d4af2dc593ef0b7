package org.perdition.protocol.imap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/**
 * The capability list we announce before login (spec §3.5 "Capability manipulation").
 *
 * <p>perdition edits the configured string with substring searches that miss the first item
 * (bug B7: duplicated when adding, heap corruption when removing). We split the list into items,
 * so every position behaves the same.
 */
final class ImapCapabilities {

    /** What this module supports on top of perdition: RFC 4616 via RFC 3501, RFC 4959, 2971, 7888. */
    private static final List<String> OURS = List.of("AUTH=PLAIN", "SASL-IR", "ID", "LITERAL+");

    private static final String STARTTLS = "STARTTLS";
    private static final String LOGINDISABLED = "LOGINDISABLED";

    private ImapCapabilities() {
    }

    /** The last list computed, with what it was computed from: one per client TLS state. */
    private record Memo(String capability, EnumSet<SslMode> modes, boolean loginDisabled, String value) {
        boolean matches(Settings settings) {
            return loginDisabled == settings.loginDisabled && capability.equals(settings.imapCapability)
                    && modes.equals(settings.sslMode);
        }
    }

    private static volatile Memo plainMemo;
    private static volatile Memo tlsMemo;

    /**
     * The same list as {@link #computeFresh}, remembered: every session's greeting and every
     * back-end login's loop check ask for it, and the options do not change while we run (issue 8:
     * the split, the list and the streams were work on every login).
     *
     * @param clientTls true when the client side is already encrypted (ssl_listen or after STARTTLS)
     * @return the items separated by single spaces (perdition's IMAP delimiter)
     */
    static String compute(Settings settings, boolean clientTls) {
        Memo memo = clientTls ? tlsMemo : plainMemo;
        if (memo != null && memo.matches(settings)) {
            return memo.value();
        }
        String value = computeFresh(settings, clientTls);
        memo = new Memo(settings.imapCapability, EnumSet.copyOf(settings.sslMode), settings.loginDisabled, value);
        if (clientTls) {
            tlsMemo = memo;
        } else {
            plainMemo = memo;
        }
        return value;
    }

    static String computeFresh(Settings settings, boolean clientTls) {
        boolean tlsListen = settings.sslMode.contains(SslMode.TLS_LISTEN) || tlsListenForce(settings);
        boolean touchLoginDisabled = settings.loginDisabled || tlsListenForce(settings);
        List<String> items = new ArrayList<>(Arrays.asList(settings.imapCapability.split(" ", -1)));
        for (String item : OURS) {
            addIfMissing(items, item);
        }
        if (tlsListen && !clientTls) {
            addIfMissing(items, STARTTLS);
        } else {
            remove(items, STARTTLS);
        }
        if (touchLoginDisabled) {
            if (clientTls) {
                remove(items, LOGINDISABLED);
            } else {
                addIfMissing(items, LOGINDISABLED);
            }
        }
        if (contains(items, LOGINDISABLED)) {
            // Every login is refused in this state (spec §3.3 step 2); do not invite AUTHENTICATE
            // either (RFC 3501 §6.2.3 says the same of LOGIN).
            remove(items, "AUTH=PLAIN");
        }
        return String.join(" ", items);
    }

    static boolean tlsListenForce(Settings settings) {
        return settings.sslMode.contains(SslMode.TLS_LISTEN_FORCE);
    }

    private static boolean contains(List<String> items, String item) {
        return items.stream().anyMatch(item::equalsIgnoreCase);
    }

    private static void addIfMissing(List<String> items, String item) {
        if (!contains(items, item)) {
            items.add(item);
        }
    }

    private static void remove(List<String> items, String item) {
        items.removeIf(item::equalsIgnoreCase);
    }
}
