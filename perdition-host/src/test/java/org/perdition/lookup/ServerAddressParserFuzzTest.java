package org.perdition.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Issue 9: the popmap value parser {@code [user<delim>]host[:port]} (spec §4.2) on arbitrary
 * values and delimiters of 0..3 characters. Never throws, and:
 * <ul>
 *   <li>with a user part, the value is {@code user + delimiter + rest}, and the rest (host and
 *       port) holds no delimiter: the split is at the LAST one;</li>
 *   <li>without one, the value holds no delimiter (or the delimiter is empty);</li>
 *   <li>the port is null or non-empty (a trailing {@code :} means the default); it holds no
 *       {@code :} unless it follows a bracketed IPv6 literal's {@code ]:};</li>
 *   <li>host and port put back together give the rest exactly (brackets and a trailing
 *       {@code :} aside): nothing is trimmed, dropped or invented.</li>
 * </ul>
 * The port may be a service name (pop3, imap2): the parser does not resolve it; ServicePorts does.
 * Input layout (ISO-8859-1): the delimiter (at most 3 characters of the first line), LF, the value.
 */
class ServerAddressParserFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void splits(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        int newline = text.indexOf('\n');
        String firstLine = newline < 0 ? "" : text.substring(0, newline);
        String delimiter = firstLine.substring(0, Math.min(3, firstLine.length()));
        String value = text.substring(newline + 1);
        ServerAddressParser.ServerSpec spec = ServerAddressParser.parse(value, delimiter);

        String rest;
        if (spec.user() != null) {
            assertThat(delimiter).isNotEmpty();
            assertThat(value).startsWith(spec.user() + delimiter);
            rest = value.substring(spec.user().length() + delimiter.length());
            assertThat(rest).doesNotContain(delimiter);
        } else {
            rest = value;
            if (!delimiter.isEmpty()) {
                assertThat(value).doesNotContain(delimiter);
            }
        }
        assertThat(spec.host()).isNotNull();
        assertThat(spec.port()).satisfiesAnyOf(port -> assertThat(port).isNull(),
                port -> assertThat(port).isNotEmpty());
        boolean bracketed = rest.startsWith("[" + spec.host() + "]");
        if (spec.port() != null && spec.port().contains(":")) {
            assertThat(bracketed).as("a port with ':' only after ]:").isTrue();
        }
        String hostText = bracketed ? "[" + spec.host() + "]" : spec.host();
        String rebuilt = spec.port() == null ? hostText : hostText + ":" + spec.port();
        assertThat(rest).isIn(rebuilt, rebuilt + ":");
    }
}
