package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;

/** Options of the later features (TLS, ManageSieve, PAM, service): validated, then accepted. */
class FeatureOptionsTest extends LoaderFixture {

    @Test
    void processOptionsAreAcceptedFromTheConfigFileToo() throws Exception {
        writeConfig("perdition.conf", "group mail\nusername mail\ninetd_mode\n");
        Settings settings = load();
        assertThat(settings.group).isEqualTo("mail");
        assertThat(settings.username).isEqualTo("mail");
        assertThat(settings.inetdMode).isTrue();
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
