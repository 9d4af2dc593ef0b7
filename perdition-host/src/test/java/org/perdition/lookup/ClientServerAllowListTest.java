package org.perdition.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --client_server_allow: which -c targets pass (names as written, addresses after DNS). */
class ClientServerAllowListTest {

    private static final int DEFAULT_PORT = 110;

    @ParameterizedTest(name = "{0}: {1}:{2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "mail.example.org|mail.example.org|110|true",
            "mail.example.org|MAIL.Example.ORG|110|true",
            "mail.example.org|mail.example.org|2110|false",      // no port in the pattern: default port only
            "mail.example.org:2110|mail.example.org|2110|true",
            "mail.example.org:2110|mail.example.org|110|false",
            "mail.example.org:*|mail.example.org|25|true",
            "mail.example.org:pop3s|mail.example.org|995|true",
            "*.example.org|a.b.example.org|110|true",
            "*.example.org|example.org|110|false",
            "*.example.org|evilexample.org|110|false",
            "*.example.org|192.0.2.1|110|false",                  // a literal never matches a name pattern
            "mail.example.org|other.example.org|110|false"})
    void namePatterns(String patterns, String host, int port, boolean allowed) {
        assertThat(list(patterns).allowsName(host, port, DEFAULT_PORT)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}: {1}:{2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "192.0.2.7|192.0.2.7|110|true",
            "192.0.2.7|192.0.2.8|110|false",
            "192.0.2.0/24|192.0.2.200|110|true",
            "192.0.2.0/24|192.0.3.1|110|false",
            "10.0.0.0/8:*|10.200.1.1|4190|true",
            "192.0.2.0/25:143|192.0.2.127|143|true",
            "192.0.2.0/25:143|192.0.2.128|143|false",
            "192.0.2.0/25:143|192.0.2.1|110|false",
            "[2001:db8::/32]:143|2001:db8:1::5|143|true",
            "[2001:db8::/32]:143|2001:db9::5|143|false",
            "2001:db8::/32|2001:db8::5|110|true",
            "[::1]|::1|110|true",
            "192.0.2.0/24|::ffff:192.0.2.1|110|true",             // the JDK maps v4-mapped addresses to IPv4
            "0.0.0.0/0:*|203.0.113.5|1|true"})
    void addressPatterns(String patterns, String address, int port, boolean allowed) throws Exception {
        List<InetAddress> addresses = List.of(InetAddress.getByName(address));
        assertThat(list(patterns).allowsAddresses(addresses, port, DEFAULT_PORT)).isEqualTo(allowed);
    }

    @Test
    void everyResolvedAddressMustBeCovered() throws Exception {
        ClientServerAllowList allow = list("192.0.2.0/24");
        List<InetAddress> mixed = List.of(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("198.51.100.1"));
        assertThat(allow.allowsAddresses(mixed, 110, DEFAULT_PORT)).isFalse();
        assertThat(allow.allowsAddresses(List.of(), 110, DEFAULT_PORT)).isFalse();
    }

    @Test
    void literalsAndLoopbackNamesGoThroughTheAddressCheck() {
        ClientServerAllowList allow = list("127.0.0.0/8:*,[::1]:*");
        assertThat(allow.allows("127.0.0.1", 2110, DEFAULT_PORT)).isTrue();
        assertThat(allow.allows("192.0.2.1", 2110, DEFAULT_PORT)).isFalse();
        assertThat(allow.allows("no-such-host.invalid", 2110, DEFAULT_PORT)).isFalse();
        assertThat(list("mail.example.org").allows("127.0.0.1", 110, DEFAULT_PORT)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "mail.example.org:99999|bad port",
            "mail.example.org:|bad port",
            "[2001:db8::1|no closing ]",
            "[::1]x|text after ]",
            "10.0.0.0/33|bad prefix length",
            "bad host!|not a host name",
            "*.|not a host name",
            ":110|no host"})
    void badPatternsAreRefusedWithTheReason(String pattern, String reason) {
        assertThatThrownBy(() -> list(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(pattern).hasMessageContaining(reason);
    }

    private static ClientServerAllowList list(String patterns) {
        return ClientServerAllowList.parse(Arrays.asList(patterns.split(",")));
    }
}
