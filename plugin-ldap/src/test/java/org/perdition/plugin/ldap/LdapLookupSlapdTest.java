package org.perdition.plugin.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.perdition.plugin.ldap.LookupAssertions.init;
import static org.perdition.plugin.ldap.LookupAssertions.value;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.perdition.plugin.api.LookupException;

/** The LDAP map against a real, private slapd with perdition's schema (spec §5.8). */
class LdapLookupSlapdTest {

    private static SlapdServer slapd;

    @BeforeAll
    static void startSlapd() throws Exception {
        Assumptions.assumeTrue(SlapdServer.available(), "slapd, slapadd or openssl not installed");
        slapd = SlapdServer.start(Entries.POPMAP);
    }

    @AfterAll
    static void stopSlapd() throws Exception {
        if (slapd != null) {
            slapd.close();
        }
    }

    /** perdition's default URL, pointed at the private server. */
    private static String defaultUrl() {
        return "ldap://127.0.0.1:" + slapd.port() + "/ou=mailbox,dc=nodomain?username,mailhost,port?one?(uid=%s)";
    }

    @Test
    void attributesByPositionMakeThePopmapValue() throws Exception {
        LdapLookup lookup = init(defaultUrl());
        assertThat(value(lookup, "alice")).isEqualTo("alice@imap1.example.org:143");
        assertThat(value(lookup, "bob")).isEqualTo("imap2.example.org");
        assertThat(value(lookup, "six")).isEqualTo("[::1]:993");
        assertThat(value(lookup, "nobody")).isNull();
        lookup.close();
    }

    @Test
    void onlyTheFirstAttributeIsAPopmapValueAsIs() throws Exception {
        LdapLookup lookup = init(defaultUrl());
        assertThat(value(lookup, "carol")).isEqualTo("carol2@imap3.example.org:110");
        lookup.close();
    }

    @Test
    void theDomainDelimiterJoinsUserAndHost() throws Exception {
        LdapLookup lookup = init("3:" + defaultUrl(), "%");
        assertThat(value(lookup, "alice")).isEqualTo("alice%imap1.example.org:143");
        lookup.close();
    }

    @Test
    void utf8Keys() throws Exception {
        LdapLookup lookup = init(defaultUrl());
        assertThat(value(lookup, "jürgen")).isEqualTo("mail.example.de");
        lookup.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*)(uid=*", "alice)(uid=bob", "al*", "' OR '1'='1", "alice)", "\\2a", "%s"})
    void injectionAttemptsMatchNothing(String key) throws Exception {
        LdapLookup lookup = init(defaultUrl());
        assertThat(value(lookup, key)).isNull();
        lookup.close();
    }

    @Test
    void keyInTheBaseDnWithBaseScope() throws Exception {
        LdapLookup lookup = init("ldap://127.0.0.1:" + slapd.port()
                + "/uid=%s,ou=mailbox,dc=nodomain?username,mailhost,port?base");
        assertThat(value(lookup, "alice")).isEqualTo("alice@imap1.example.org:143");
        assertThat(value(lookup, "nobody")).isNull();
        assertThat(value(lookup, "alice,ou=mailbox")).isNull();
        lookup.close();
    }

    @Test
    void subtreeScopeAndOtherFilter() throws Exception {
        LdapLookup lookup = init("ldap://127.0.0.1:" + slapd.port() + "/dc=nodomain?mailhost?sub?(username=%s)");
        assertThat(value(lookup, "dave")).isEqualTo("shared.example.org"); // two entries: the first is used
        lookup.close();
    }

    @Test
    void bindWithUrlEncodedCredentials() throws Exception {
        LdapLookup lookup = init(defaultUrl() + "?bindname=cn=admin%2cdc=nodomain,!x-bindpw=secret");
        assertThat(value(lookup, "alice")).isEqualTo("alice@imap1.example.org:143");
        lookup.close();
    }

    /** Wrong credentials (issue 5): ACCESS, naming the server and the bind DN, never the password. */
    @Test
    void wrongPasswordIsAnAccessErrorNamingServerAndBindDn() throws Exception {
        LdapLookup lookup = init(defaultUrl() + "?bindname=cn=admin%2cdc=nodomain,x-bindpw=Wrong-Secret-42");
        assertThatThrownBy(() -> value(lookup, "alice")).isInstanceOfSatisfying(LookupException.class, e -> {
            assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS);
            assertThat(e.getMessage()).contains("invalid credentials", "'cn=admin,dc=nodomain'",
                    "127.0.0.1:" + slapd.port()).doesNotContain("Wrong-Secret-42");
        });
        lookup.close();
    }

    @Test
    void unknownCriticalExtensionFailsInit() {
        assertThatThrownBy(() -> init(defaultUrl() + "?!x-frobnicate=1"))
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.CONFIGURATION));
    }

    @Test
    void severalHostsAreTriedInOrder() throws Exception {
        int closed = SlapdServer.freePort();
        LdapLookup lookup = init("ldap://127.0.0.1:" + closed + " 127.0.0.1:" + slapd.port()
                + "/ou=mailbox,dc=nodomain?username,mailhost,port?one?(uid=%s)");
        assertThat(value(lookup, "bob")).isEqualTo("imap2.example.org");
        lookup.close();
    }
}
