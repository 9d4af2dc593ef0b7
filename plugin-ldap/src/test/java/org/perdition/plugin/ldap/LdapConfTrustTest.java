package org.perdition.plugin.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the CA file comes from without {@code x-tls-cacert}: libldap's places, in libldap's order. */
class LdapConfTrustTest {

    @TempDir
    Path dir;

    @Test
    void theEnvironmentWinsOverLdapConf() throws Exception {
        Path conf = Files.writeString(dir.resolve("ldap.conf"), "TLS_CACERT /etc/conf-ca.pem\n");
        assertThat(new LdapConfTrust(Map.of("LDAPTLS_CACERT", "/etc/env-ca.pem"), conf).caFile())
                .contains(Path.of("/etc/env-ca.pem"));
    }

    @Test
    void tlsCacertFromTheDefaultLdapConfSkippingComments() throws Exception {
        Path conf = Files.writeString(dir.resolve("ldap.conf"),
                "# TLS_CACERT /commented.pem\n\nURI ldap://x\n  tls_cacert\t/etc/ssl/site-ca.pem  \n");
        assertThat(new LdapConfTrust(Map.of(), conf).caFile()).contains(Path.of("/etc/ssl/site-ca.pem"));
    }

    @Test
    void ldapconfNamesAnotherFile() throws Exception {
        Path other = Files.writeString(dir.resolve("other.conf"), "TLS_CACERT /etc/other-ca.pem\n");
        Path conf = Files.writeString(dir.resolve("ldap.conf"), "TLS_CACERT /etc/default-ca.pem\n");
        assertThat(new LdapConfTrust(Map.of("LDAPCONF", other.toString()), conf).caFile())
                .contains(Path.of("/etc/other-ca.pem"));
    }

    @Test
    void nothingConfiguredMeansTheJvmTrustStore() throws Exception {
        assertThat(new LdapConfTrust(Map.of(), dir.resolve("absent.conf")).caFile()).isEmpty();
        Path conf = Files.writeString(dir.resolve("ldap.conf"), "TLS_REQCERT never\n");
        assertThat(new LdapConfTrust(Map.of(), conf).caFile()).as("only TLS_CACERT is taken over").isEmpty();
    }
}
