package org.perdition.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** --query_key expansion (spec §4.1), every escape. */
class QueryKeysTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("2001:db8:0:0:0:0:0:7", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.9", 995);

    @ParameterizedTest(name = "{0} with {1} and {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "\\U|a@b@c|@|a@b@c",
            "\\u|a@b@c|@|a@b",
            "\\u|abc|@|abc",
            "\\D|abc|::|::",
            "\\d|a@b@c|@|c",
            "\\d|abc|@|''",
            "\\d|a::b::c|::|c",              // perdition gave ":c" (bug B24)
            "\\u|a::b::c|::|a::b",
            "\\i \\p|x|@|2001:db8::7 40000",  // numeric, compressed as getnameinfo writes IPv6
            "\\I:\\P|x|@|192.0.2.9:995",
            "a\\\\b|x|@|a\\b",
            "key\\|x|@|key",                  // trailing lone backslash dropped
            "plain|x|@|plain"})
    void escapesExpand(String format, String id, String delimiter, String expected) {
        assertThat(QueryKeys.expand(format, id, delimiter, CLIENT, LOCAL)).contains(expected);
    }

    @Test
    void unknownEscapeAbandonsTheLookup() {
        assertThat(QueryKeys.expand("\\U\\x", "bob", "@", CLIENT, LOCAL)).isEqualTo(Optional.empty());
        assertThat(QueryKeys.unknownEscape("a\\\\x\\q")).isEqualTo("\\q");
        assertThat(QueryKeys.unknownEscape("\\U\\u\\D\\d\\i\\I\\p\\P\\\\\\")).isNull();
    }

    @Test
    void unknownAddressesAreEmpty() {
        assertThat(QueryKeys.expand("[\\i\\p]", "bob", "@", null, null)).contains("[]");
    }
}
