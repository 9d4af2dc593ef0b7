package org.perdition.plugin.ldap;

import com.unboundid.ldap.sdk.SearchScope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 4516 LDAP URL as perdition uses it (spec §5.8):
 * {@code scheme://host[:port][ host[:port]...]/base?attributes?scope?filter?extensions}.
 * Parsed by hand, because the base DN and the filter hold {@code %s} placeholders that are not
 * valid URL escapes; those two stay templates ({@link KeyTemplate}).
 *
 * @param secure     {@code ldaps://}
 * @param hosts      the servers, tried in order; perdition splits the host part at spaces
 * @param base       the search base, with placeholders
 * @param attributes user, host, port attributes by position (perdition's defaults when the URL names none)
 * @param scope      base (the RFC 4516 default), one, sub or children
 * @param filter     the filter, with placeholders ({@code (objectClass=*)} when empty)
 * @param extensions the raw extensions, still URL-encoded
 */
record LdapUrl(boolean secure, List<HostPort> hosts, KeyTemplate base, List<String> attributes,
               SearchScope scope, KeyTemplate filter, List<String> extensions) {

    record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    static final List<String> DEFAULT_ATTRIBUTES = List.of("username", "mailhost", "port");

    static LdapUrl parse(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("not an LDAP URL: " + url);
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        boolean secure = switch (scheme) {
            case "ldap" -> false;
            case "ldaps" -> true;
            default -> throw new IllegalArgumentException("unsupported LDAP URL scheme " + scheme
                    + " (ldap:// or ldaps://)");
        };
        String rest = url.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        String hostPart = slash < 0 ? rest : rest.substring(0, slash);
        String[] fields = slash < 0 ? new String[0] : rest.substring(slash + 1).split("\\?", -1);
        if (fields.length > 5) {
            throw new IllegalArgumentException("too many '?' in LDAP URL: " + url);
        }
        List<HostPort> hosts = hosts(decode(hostPart), secure ? 636 : 389);
        KeyTemplate base = KeyTemplate.parse(field(fields, 0));
        List<String> attributes = attributes(field(fields, 1));
        SearchScope scope = scope(decode(field(fields, 2)));
        String filter = field(fields, 3);
        KeyTemplate filterTemplate = KeyTemplate.parse(filter.isEmpty() ? "(objectClass=*)" : filter);
        String exts = field(fields, 4);
        List<String> extensions = exts.isEmpty() ? List.of() : List.of(exts.split(","));
        return new LdapUrl(secure, hosts, base, attributes, scope, filterTemplate, extensions);
    }

    private static String field(String[] fields, int index) {
        return index < fields.length ? fields[index] : "";
    }

    private static List<HostPort> hosts(String hostPart, int defaultPort) {
        List<HostPort> hosts = new ArrayList<>();
        for (String spec : hostPart.trim().split("\\s+")) {
            if (!spec.isEmpty()) {
                hosts.add(hostPort(spec, defaultPort));
            }
        }
        if (hosts.isEmpty()) {
            // libldap's default host when the URL names none
            hosts.add(new HostPort("localhost", defaultPort));
        }
        return List.copyOf(hosts);
    }

    private static HostPort hostPort(String spec, int defaultPort) {
        String host = spec;
        String port = null;
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unterminated IPv6 address in LDAP URL: " + spec);
            }
            host = spec.substring(1, close);
            if (close + 1 < spec.length() && spec.charAt(close + 1) == ':') {
                port = spec.substring(close + 2);
            }
        } else if (spec.indexOf(':') >= 0 && spec.indexOf(':') == spec.lastIndexOf(':')) {
            host = spec.substring(0, spec.indexOf(':'));
            port = spec.substring(spec.indexOf(':') + 1);
        }
        if (port == null || port.isEmpty()) {
            return new HostPort(host, defaultPort);
        }
        try {
            int number = Integer.parseInt(port);
            if (number < 1 || number > 65535) {
                throw new NumberFormatException();
            }
            return new HostPort(host, number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in LDAP URL host " + spec);
        }
    }

    private static List<String> attributes(String field) {
        List<String> names = new ArrayList<>();
        for (String name : decode(field).split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names.isEmpty() ? DEFAULT_ATTRIBUTES : List.copyOf(names);
    }

    private static SearchScope scope(String field) {
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "", "base" -> SearchScope.BASE;
            case "one", "onelevel" -> SearchScope.ONE;
            case "sub", "subtree" -> SearchScope.SUB;
            case "children", "subordinates" -> SearchScope.SUBORDINATE_SUBTREE;
            default -> throw new IllegalArgumentException("bad scope in LDAP URL: " + field);
        };
    }

    /** RFC 4516 / RFC 3986 percent-decoding (UTF-8). */
    static String decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()
                    && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                int codePoint = text.codePointAt(i);
                out.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
