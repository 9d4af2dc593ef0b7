package org.perdition.plugin.ldap;

/** Escaping of a key placed in a DN attribute value (RFC 4514 §2.4). */
final class Rfc4514 {

    private Rfc4514() {
    }

    static String escapeValue(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean leading = i == 0 && (c == ' ' || c == '#');
            boolean trailing = i == value.length() - 1 && c == ' ';
            if (c == '\0') {
                out.append("\\00");
            } else if (leading || trailing || "\"+,;<>\\=".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
