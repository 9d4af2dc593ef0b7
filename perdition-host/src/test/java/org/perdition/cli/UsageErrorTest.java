package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every start-up error is one line naming the option (and FILE:LINE for the config file). */
class UsageErrorTest extends LoaderFixture {

    static List<Arguments> commandLineErrors() {
        return List.of(
                Arguments.of(new String[] {"--foo"}, "perdition: unknown option --foo"),
                Arguments.of(new String[] {"--time", "5"}, "perdition: unknown option --time"),
                Arguments.of(new String[] {"--timeout", "abc"},
                        "perdition: --timeout: invalid value 'abc' (expected a number of seconds)"),
                Arguments.of(new String[] {"-t", "-5"},
                        "perdition: --timeout: invalid value '-5' (expected a number of seconds)"),
                Arguments.of(new String[] {"-t", "1 "},
                        "perdition: --timeout: invalid value '1 ' (expected a number of seconds)"),
                Arguments.of(new String[] {"--timeout"}, "perdition: --timeout: missing argument"),
                Arguments.of(new String[] {"-d", "extra"}, "perdition: unexpected argument 'extra' (options only)"),
                Arguments.of(new String[] {"--log_passwd", "sometimes"},
                        "perdition: --log_passwd: invalid value 'sometimes' (expected never, fail, ok or always)"),
                Arguments.of(new String[] {"-P", "smtp"}, "perdition: --protocol: invalid value 'smtp' "
                        + "(expected POP3, POP3S, IMAP4, IMAP4S or MANAGESIEVE)"),
                Arguments.of(new String[] {"--pid_file", "run/p.pid"},
                        "perdition: --pid_file: invalid value 'run/p.pid' (expected an absolute path or \"\")"),
                Arguments.of(new String[] {"-s", "a:b:c"}, "perdition: --outgoing_server: invalid value 'a:b:c' "
                        + "(expected host[:port] or [ipv6]:port entries separated by commas)"),
                Arguments.of(new String[] {"-b", "a,,b"}, "perdition: --bind_address: invalid value 'a,,b' "
                        + "(expected host[:port] or [ipv6]:port entries separated by commas)"),
                Arguments.of(new String[] {"-b", "[::1]x"}, "perdition: --bind_address: invalid value '[::1]x' "
                        + "(expected host[:port] or [ipv6]:port entries separated by commas)"),
                Arguments.of(new String[] {"-p", "99999"}, "perdition: --outgoing_port: invalid value '99999' "
                        + "(expected a port number (1-65535) or a service name)"),
                Arguments.of(new String[] {"--max_line_length", "100"}, "perdition: --max_line_length: "
                        + "invalid value '100' (expected a number of bytes, at least 512)"),
                Arguments.of(new String[] {"--failure_delay", "1e3"}, "perdition: --failure_delay: invalid value "
                        + "'1e3' (expected a number of seconds from 0 to 3600, decimals allowed)"),
                Arguments.of(new String[] {"-F", "mial"}, "perdition: --log_facility: invalid value 'mial' "
                        + "(expected /path, - (stdout), + (stderr) or a syslog facility such as mail or local0)"),
                Arguments.of(new String[] {"--ssl_mode", "ssl_listen,tls_listen"}, "perdition: --ssl_mode: "
                        + "invalid value 'ssl_listen,tls_listen' (expected a valid ssl_mode combination: "
                        + "ssl_listen and tls_listen, or ssl_outgoing and tls_outgoing, cannot be combined)"),
                Arguments.of(new String[] {"--ssl_mode", "ssl_all", "--ssl_mode", "tls_outgoing_force"},
                        "perdition: --ssl_mode: invalid value 'tls_outgoing_force' (expected a valid ssl_mode "
                        + "combination: ssl_listen and tls_listen, or ssl_outgoing and tls_outgoing, cannot be "
                        + "combined)"),
                Arguments.of(new String[] {"--ssl_mode", "ssl"}, "perdition: --ssl_mode: invalid value 'ssl' "
                        + "(expected a comma list of none, ssl_listen, ssl_outgoing, ssl_all, tls_listen, "
                        + "tls_outgoing, tls_all, tls_listen_force, tls_outgoing_force, tls_all_force)"),
                Arguments.of(new String[] {"-S", "login"}, "perdition: --strip_domain: invalid value 'login' "
                        + "(expected a comma list of servername_lookup, local_authentication, remote_login, all)"),
                Arguments.of(new String[] {"--ssl_outgoing_min_proto_version", "tlsv1.3"},
                        "perdition: --ssl_outgoing_min_proto_version: invalid value 'tlsv1.3' "
                        + "(expected sslv3, tlsv1, tlsv1.1 or tlsv1.2)"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("commandLineErrors")
    void commandLineErrorsAreOneLine(String[] args, String message) {
        assertThatThrownBy(() -> load(args)).isInstanceOf(UsageException.class).hasMessage(message)
                .satisfies(e -> assertThat(((UsageException) e).helpRequested()).isFalse());
    }

    @Test
    void helpIsReportedAsHelp() {
        assertThatThrownBy(() -> load("-t", "5", "--help")).isInstanceOfSatisfying(UsageException.class,
                e -> assertThat(e.helpRequested()).isTrue());
        assertThatThrownBy(() -> load("-h")).isInstanceOfSatisfying(UsageException.class,
                e -> assertThat(e.helpRequested()).isTrue());
    }

    @Test
    void unknownConfigKeyNamesFileAndLine() throws Exception {
        var file = writeConfig("perdition.conf", "# c\ntimeout 5\n\nfooo bar\ndebug\n");
        assertThatThrownBy(() -> load()).hasMessage("perdition: " + file + ":4: unknown key 'fooo'");
    }

    @Test
    void unknownOneLetterKeyInFile() throws Exception {
        var file = writeConfig("perdition.conf", "z 1\n");
        assertThatThrownBy(() -> load()).hasMessage("perdition: " + file + ":1: unknown key 'z'");
    }

    @Test
    void flagWithValueInFile() throws Exception {
        var file = writeConfig("perdition.conf", "timeout 5\ndebug yes\n");
        assertThatThrownBy(() -> load()).hasMessage("perdition: " + file + ":2: --debug: takes no value (got 'yes')");
    }

    @Test
    void missingValueInFile() throws Exception {
        var file = writeConfig("perdition.conf", "t\n");
        assertThatThrownBy(() -> load()).hasMessage("perdition: " + file + ":1: --timeout: missing value");
    }

    @Test
    void badValueInFileNamesFileAndLine() throws Exception {
        var file = writeConfig("perdition.conf", "debug\nprotocol smtp\n");
        assertThatThrownBy(() -> load()).hasMessageStartingWith("perdition: " + file + ":2: --protocol: invalid value 'smtp'");
    }

    @Test
    void unterminatedQuoteInFile() throws Exception {
        var file = writeConfig("perdition.conf", "ok_line \"abc\n");
        assertThatThrownBy(() -> load()).hasMessage("perdition: " + file + ":1: unterminated \" quote");
    }

    @Test
    void unreadableExplicitConfigFile() {
        assertThatThrownBy(() -> load("-f", sysconf.resolve("missing.conf").toString()))
                .hasMessageStartingWith("perdition: --config_file: cannot read");
    }
}
