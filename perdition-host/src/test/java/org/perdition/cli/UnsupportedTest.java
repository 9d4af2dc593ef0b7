package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Accepted and validated, but refused at start-up until implemented. */
class UnsupportedTest extends LoaderFixture {

    static List<Arguments> unsupported() {
        return List.of(
                Arguments.of(new String[] {"-i"}, "inetd_mode"),
                Arguments.of(new String[] {"-u", "mail"}, "username"),
                Arguments.of(new String[] {"-g", "mail"}, "group"),
                Arguments.of(new String[] {"--pid_file", ""}, "pid_file"),
                Arguments.of(new String[] {"-c"}, "client_server_specification"),
                Arguments.of(new String[] {"--query_key", "\\u"}, "query_key"),
                Arguments.of(new String[] {"-S", "all"}, "strip_domain"),
                Arguments.of(new String[] {"-A", "remote_login,2"}, "add_domain"),
                Arguments.of(new String[] {"-e", "example.com"}, "explicit_domain"),
                Arguments.of(new String[] {"--lower_case", "servername_lookup"}, "lower_case"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unsupported")
    void explicitUseIsRefused(String[] args, String longName) {
        assertThatThrownBy(() -> load(args)).isInstanceOf(UsageException.class)
                .hasMessage("perdition: not supported yet: --" + longName);
    }

    @Test
    void refusedFromTheConfigFileToo() throws Exception {
        writeConfig("perdition.conf", "explicit_domain example.com\n");
        assertThatThrownBy(() -> load()).hasMessage("perdition: not supported yet: --explicit_domain");
    }

    @Test
    void validationComesFirst() {
        assertThatThrownBy(() -> load("-S", "nowhere")).hasMessageContaining("invalid value 'nowhere'");
    }

    @Test
    void syslogFacilities() throws Exception {
        assertThatThrownBy(() -> load("-F", "local3"))
                .hasMessage("perdition: not supported yet: --log_facility local3 (syslog)");
        assertThat(load("-F", "/var/log/perdition.log").logFacility).isEqualTo("/var/log/perdition.log");
        assertThat(load("-F", "-").logFacility).isEqualTo("-");
        assertThat(load().logFacility).isEqualTo("mail"); // the default is not an explicit choice
    }

    @Test
    void managesieveAndImplicitTlsProtocols() throws Exception {
        assertThatThrownBy(() -> load("-P", "managesieve"))
                .hasMessage("perdition: not supported yet: --protocol MANAGESIEVE");
        assertThatThrownBy(() -> SettingsLoader.load("perdition.managesieve", new String[0]))
                .hasMessage("perdition: not supported yet: --protocol MANAGESIEVE");
        // TLS is implemented: POP3S/IMAP4S load, with ssl_all by default (spec §1.4)
        assertThat(load("-P", "imap4s").sslMode).containsExactlyInAnyOrder(SslMode.SSL_LISTEN, SslMode.SSL_OUTGOING);
        assertThat(load("-P", "pop3s", "--ssl_mode", "none").sslMode).isEmpty();
        assertThat(load("--ssl_mode", "tls_all", "--ssl_no_cn_verify").sslNoCnVerify).isTrue();
    }

    @Test
    void pamAndLoginDisabledAreAccepted() throws Exception {
        Settings settings = load("-a", "--login_disabled", "--pam_service", "perdition-test");
        assertThat(settings.authenticateIn).isTrue();
        assertThat(settings.loginDisabled).isTrue();
        assertThat(settings.pamService).isEqualTo("perdition-test");
        assertThat(load().pamService).isEqualTo("perdition");
    }

    @Test
    void pamServiceMustNameAFileInPamD() {
        for (String bad : new String[] {"", "../shadow", "a/b", ".hidden"}) {
            assertThatThrownBy(() -> load("--pam_service", bad)).as(bad).isInstanceOf(UsageException.class)
                    .hasMessageContaining("pam_service");
        }
    }

    @Test
    void capabilityAndNoDaemonAreAccepted() throws Exception {
        assertThat(load("--managesieve_capability", "\"A\" \"b\"", "--no_daemon").managesieveCapability)
                .isEqualTo("\"A\" \"b\"");
    }
}
