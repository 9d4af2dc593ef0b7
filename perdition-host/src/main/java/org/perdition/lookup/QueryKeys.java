package org.perdition.lookup;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * {@code --query_key} formats (spec §4.1): each format is expanded into one map key. The keys are
 * tried in order, and only while the map says "not found"; an error ends the list (the resolver
 * does that part).
 *
 * <p>Escapes: {@code \U} the whole (servername_lookup-mangled) id; {@code &#92;u} the id up to the
 * last delimiter (the whole id when it has none); {@code \D} the delimiter; {@code \d} the text
 * after the last delimiter (empty when none); {@code \i}/{@code \I} the client/local IP address
 * (numeric, IPv6 compressed as getnameinfo writes it); {@code \p}/{@code \P} the client/local
 * port; {@code \\} a backslash. A trailing lone backslash is dropped, as in perdition.
 *
 * <p>Bug B24 fixed: perdition's {@code \d} skipped only ONE character of a multi-character
 * delimiter ({@code -D ::} and {@code a::b::c} gave {@code :c}); it meant the text after the whole
 * delimiter, {@code c}, and that is what we give.
 */
public final class QueryKeys {

    private QueryKeys() {
    }

    /**
     * The key for one format, or empty when the format has an unknown escape: perdition then
     * abandons the whole lookup (treated as not found, later formats not tried). The option
     * parser refuses such formats at start-up, so this is a last line of defence.
     */
    public static Optional<String> expand(String format, String id, String delimiter, InetSocketAddress client,
            InetSocketAddress local) {
        StringBuilder key = new StringBuilder();
        int last = id.lastIndexOf(delimiter);
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '\\') {
                key.append(c);
                continue;
            }
            if (++i == format.length()) {
                break; // trailing lone backslash: dropped
            }
            switch (format.charAt(i)) {
                case 'U' -> key.append(id);
                case 'u' -> key.append(last < 0 ? id : id.substring(0, last));
                case 'D' -> key.append(delimiter);
                case 'd' -> key.append(last < 0 ? "" : id.substring(last + delimiter.length()));
                case 'i' -> key.append(ip(client));
                case 'I' -> key.append(ip(local));
                case 'p' -> key.append(port(client));
                case 'P' -> key.append(port(local));
                case '\\' -> key.append('\\');
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(key.toString());
    }

    /** The first unknown escape of a format ({@code "\x"}), or null when every escape is known. */
    public static String unknownEscape(String format) {
        for (int i = 0; i < format.length() - 1; i++) {
            if (format.charAt(i) == '\\') {
                char next = format.charAt(++i);
                if ("UuDdiIpP\\".indexOf(next) < 0) {
                    return "\\" + next;
                }
            }
        }
        return null;
    }

    private static String ip(InetSocketAddress address) {
        if (address == null || address.getAddress() == null) {
            return "";
        }
        return NetUtil.toAddressString(address.getAddress());
    }

    private static String port(InetSocketAddress address) {
        return address == null ? "" : Integer.toString(address.getPort());
    }
}
