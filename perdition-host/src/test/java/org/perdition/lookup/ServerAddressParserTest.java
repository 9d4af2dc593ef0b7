package org.perdition.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.perdition.lookup.ServerAddressParser.ServerSpec;

class ServerAddressParserTest {

    @ParameterizedTest(name = "\"{0}\" with \"{1}\" -> user={2} host={3} port={4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "192.0.2.1            | @  | NULL | 192.0.2.1    | NULL",
            "192.0.2.1:110        | @  | NULL | 192.0.2.1    | 110",
            "mail.example.com     | @  | NULL | mail.example.com | NULL",
            "mail.example.com:pop3s | @ | NULL | mail.example.com | pop3s",
            "[::1]:110            | @  | NULL | ::1          | 110",
            "[::1]                | @  | NULL | ::1          | NULL",
            "[2001:db8::5]:        | @ | NULL | 2001:db8::5  | NULL",
            "[::1]x:110           | @  | NULL | [::1]x:110   | NULL",
            "::1                  | @  | NULL | :            | 1",
            "user@host            | @  | user | host         | NULL",
            "user@[::1]:143       | @  | user | ::1          | 143",
            "a@b@host:143         | @  | a@b  | host         | 143",
            "a::b::host:143       | :: | a::b | host         | 143",
            "carol%%h1            | %% | carol | h1          | NULL",
            "user@host            | %% | NULL | user@host    | NULL",
            "''                   | @  | NULL | ''           | NULL",
            "user@                | @  | user | ''           | NULL",
            "host:                | @  | NULL | host         | NULL",
            "host:abc             | @  | NULL | host         | abc",
            "' host:1'            | @  | NULL | ' host'      | 1",
    })
    void parsesUserHostAndPort(String value, String delimiter, String user, String host, String port) {
        assertThat(ServerAddressParser.parse(value, delimiter)).isEqualTo(new ServerSpec(user, host, port));
    }

    @ParameterizedTest(name = "port \"{0}\" -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "110, 110", "1, 1", "65535, 65535", "pop3, 110", "pop3s, 995", "imap, 143", "imap2, 143",
            "imaps, 993", "sieve, 4190", "0, NULL", "65536, NULL", "-1, NULL", "abc, NULL", "POP3, NULL",
            "1234567, NULL",
    })
    void servicePortsAreNumbersOrKnownNames(String text, Integer expected) {
        assertThat(ServicePorts.parse(text).isPresent() ? ServicePorts.parse(text).getAsInt() : null)
                .isEqualTo(expected);
    }
}
