package org.perdition.plugin.ldap;

import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.List;

/**
 * Turns the found entry into the popmap value {@code [user<delim>]host[:port]} (spec §5.8):
 * the URL's attributes by position are user, host and port, first value only, trailing ones
 * optional. If only the first has a value it already is a popmap value and is returned as is.
 */
final class EntryValue {

    private EntryValue() {
    }

    /** @return the value, or null when the entry has none of the attributes */
    static String of(SearchResultEntry entry, List<String> attributes, String delimiter) {
        String user = value(entry, attributes, 0);
        String host = value(entry, attributes, 1);
        String port = value(entry, attributes, 2);
        if (host == null && port == null) {
            return user;
        }
        if (host == null) {
            throw new IllegalStateException("entry " + entry.getDN() + " has a " + attributes.get(2)
                    + " but no " + attributes.get(1));
        }
        StringBuilder value = new StringBuilder();
        if (user != null) {
            value.append(user).append(delimiter);
        }
        // an IPv6 literal needs brackets before a port can follow it
        boolean bracket = host.indexOf(':') >= 0 && !host.startsWith("[");
        value.append(bracket ? "[" + host + "]" : host);
        if (port != null) {
            value.append(':').append(port);
        }
        return value.toString();
    }

    private static String value(SearchResultEntry entry, List<String> attributes, int position) {
        if (position >= attributes.size()) {
            return null;
        }
        String value = entry.getAttributeValue(attributes.get(position));
        return value == null || value.isEmpty() ? null : value;
    }
}
