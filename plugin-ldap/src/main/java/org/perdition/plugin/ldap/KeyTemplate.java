package org.perdition.plugin.ldap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One component of the LDAP URL (base DN or filter) with perdition's key placeholders:
 * {@code %s} is the key, {@code %Ns} the key right-justified in a field of N spaces (longer keys
 * are not cut), spec §5.8.
 *
 * <p>perdition substitutes the raw key into the whole URL and lets libldap URL-decode the result,
 * so a key with {@code ?}, {@code )(} or {@code %} changes the query. We do what it meant: the
 * placeholders are found first, the literal text around them is URL-decoded (RFC 4516 {@code %XX}),
 * and the key is inserted afterwards through an escaper (RFC 4515 for filters, RFC 4514 for DNs),
 * never decoded. {@code %%} is a literal {@code %}.
 */
final class KeyTemplate {

    private sealed interface Part permits Literal, Key {
    }

    private record Literal(String text) implements Part {
    }

    private record Key(int width) implements Part {
    }

    private final List<Part> parts;
    private final String source;

    private KeyTemplate(List<Part> parts, String source) {
        this.parts = parts;
        this.source = source;
    }

    static KeyTemplate parse(String component) {
        List<Part> parts = new ArrayList<>();
        ByteArrayOutputStream literal = new ByteArrayOutputStream();
        int i = 0;
        while (i < component.length()) {
            char c = component.charAt(i);
            if (c != '%') {
                int codePoint = component.codePointAt(i);
                literal.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
                continue;
            }
            int digitsEnd = i + 1;
            while (digitsEnd < component.length() && Character.isDigit(component.charAt(digitsEnd))) {
                digitsEnd++;
            }
            if (digitsEnd < component.length() && component.charAt(digitsEnd) == 's') {
                flush(literal, parts);
                String digits = component.substring(i + 1, digitsEnd);
                parts.add(new Key(digits.isEmpty() ? 0 : Integer.parseInt(digits)));
                i = digitsEnd + 1;
            } else if (isHex(component, i + 1) && isHex(component, i + 2)) {
                literal.write(Integer.parseInt(component.substring(i + 1, i + 3), 16));
                i += 3;
            } else if (i + 1 < component.length() && component.charAt(i + 1) == '%') {
                literal.write('%');
                i += 2;
            } else {
                literal.write('%');
                i++;
            }
        }
        flush(literal, parts);
        return new KeyTemplate(List.copyOf(parts), component);
    }

    private static boolean isHex(String s, int index) {
        return index < s.length() && Character.digit(s.charAt(index), 16) >= 0;
    }

    private static void flush(ByteArrayOutputStream literal, List<Part> parts) {
        if (literal.size() > 0) {
            parts.add(new Literal(literal.toString(StandardCharsets.UTF_8)));
            literal.reset();
        }
    }

    /** True if the component mentions the key at all. */
    boolean usesKey() {
        return parts.stream().anyMatch(Key.class::isInstance);
    }

    /** The component with every placeholder replaced by the (padded, then escaped) key. */
    String render(String key, UnaryOperator<String> escaper) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Key placeholder) {
                String padded = placeholder.width() > key.length()
                        ? " ".repeat(placeholder.width() - key.length()) + key : key;
                out.append(escaper.apply(padded));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
