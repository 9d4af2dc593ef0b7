package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Accepted and validated, but refused at start-up until implemented. */
class UnsupportedTest extends LoaderFixture {

    static List<Arguments> unsupported() {
        return List.of(
                Arguments.of(new String[] {"-a"}, "authenticate_in"),
                Arguments.of(new String[] {"--login_disabled"}, "login_disabled"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unsupported")
    void explicitUseIsRefused(String[] args, String longName) {
        assertThatThrownBy(() -> load(args)).isInstanceOf(UsageException.class)
                .hasMessage("perdition: not supported yet: --" + longName);
    }

    @Test
    void refusedFromTheConfigFileToo() throws Exception {
        writeConfig("perdition.conf", "group mail\n");
        assertThatThrownBy(() -> load()).hasMessage("perdition: not supported yet: --group");
    }

    @Test
    void validationComesFirst() {
        assertThatThrownBy(() -> load("-S", "nowhere")).hasMessageContaining("invalid value 'nowhere'");
    }

    @Test
    void syslogFacilitiesAndPidFileAreAccepted() throws Exception {
        assertThat(load("-F", "local3").logFacility).isEqualTo("local3");
        assertThat(load("--pid_file", "").pidFile).isEmpty();
        assertThat(load("-F", "/var/log/perdition.log").logFacility).isEqualTo("/var/log/perdition.log");
        assertThat(load("-F", "-").logFacility).isEqualTo("-");
        assertThat(load().logFacility).isEqualTo("mail"); // the default is not an explicit choice
    }

    @Test
    void managesieveAndImplicitTlsProtocols() throws Exception {
        // ManageSieve is implemented (issue 6): by -P and by program name (spec §2.1, §2.2)
        assertThat(load("-P", "managesieve").protocol).isEqualTo(Protocol.MANAGESIEVE);
        Settings byName = SettingsLoader.load("perdition.managesieve", new String[0]);
        assertThat(byName.protocol).isEqualTo(Protocol.MANAGESIEVE);
        assertThat(byName.effectiveOutgoingPort()).isEqualTo("4190");
        assertThat(byName.effectiveListenPort()).isEqualTo("4190");
        // TLS is implemented: POP3S/IMAP4S load, with ssl_all by default (spec §1.4)
        assertThat(load("-P", "imap4s").sslMode).containsExactlyInAnyOrder(SslMode.SSL_LISTEN, SslMode.SSL_OUTGOING);
        assertThat(load("-P", "pop3s", "--ssl_mode", "none").sslMode).isEmpty();
        assertThat(load("--ssl_mode", "tls_all", "--ssl_no_cn_verify").sslNoCnVerify).isTrue();
    }

    @Test
    void capabilityAndNoDaemonAreAccepted() throws Exception {
        assertThat(load("--managesieve_capability", "\"A\" \"b\"", "--no_daemon").managesieveCapability)
                .isEqualTo("\"A\" \"b\"");
    }
}
