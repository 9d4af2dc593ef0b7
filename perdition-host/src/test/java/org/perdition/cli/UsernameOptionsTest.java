package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;
import org.perdition.config.UserState;

/** The username options are accepted now (issue 6), and ours is validated at start-up. */
class UsernameOptionsTest extends LoaderFixture {

    @Test
    void usernameOptionsAreAccepted() throws Exception {
        Settings s = load("-c", "-S", "remote_login", "-A", "local_auth,2", "-e", "example.org", "--lower_case", "all",
                "-D", "::", "-U", "--query_key", "\\u,\\d", "--client_server_allow", "*.example.org:*,10.0.0.0/8");
        assertThat(s.clientServerSpecification).isTrue();
        assertThat(s.stripDomain).isEqualTo(EnumSet.of(UserState.REMOTE_LOGIN));
        assertThat(s.addDomain).isEqualTo(EnumSet.of(UserState.LOCAL_AUTHENTICATION));
        assertThat(s.addDomainStripDepth).isEqualTo(2);
        assertThat(s.lowerCase).isEqualTo(EnumSet.allOf(UserState.class));
        assertThat(s.domainDelimiter).isEqualTo("::");
        assertThat(s.queryKeys).containsExactly("\\u", "\\d");
        assertThat(s.clientServerAllow).containsExactly("*.example.org:*", "10.0.0.0/8");
    }

    @Test
    void fromTheConfigFileToo() throws Exception {
        writeConfig("perdition.conf", "client_server_specification\nclient_server_allow mail.example.org:143\n"
                + "explicit_domain example.org\n");
        Settings s = load();
        assertThat(s.clientServerAllow).isEqualTo(List.of("mail.example.org:143"));
        assertThat(s.explicitDomain).isEqualTo("example.org");
    }

    @Test
    void aBadAllowPatternIsAStartUpErrorNamingTheOption() {
        assertThatThrownBy(() -> load("-c", "--client_server_allow", "mail.example.org,10.0.0.0/40"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("perdition: --client_server_allow: invalid value 'mail.example.org,10.0.0.0/40'")
                .hasMessageContaining("\"10.0.0.0/40\": bad prefix length");
    }

    @Test
    void anUnknownQueryKeyEscapeIsAStartUpError() {
        assertThatThrownBy(() -> load("--query_key", "\\U,\\x")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("perdition: --query_key: invalid value")
                .hasMessageContaining("\\x is unknown");
    }
}
