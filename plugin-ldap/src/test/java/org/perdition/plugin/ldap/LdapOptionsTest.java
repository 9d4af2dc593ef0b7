package org.perdition.plugin.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code [V:]ldap_url} option string of spec §5.8. */
class LdapOptionsTest {

    @Test
    void emptyOptionIsPerditionsDefault() {
        LdapOptions o = LdapOptions.parse("");
        assertThat(o.version()).isEqualTo(2);
        assertThat(o.url().secure()).isFalse();
        assertThat(o.url().hosts()).containsExactly(new LdapUrl.HostPort("localhost", 389));
        assertThat(o.url().base().render("alice", Rfc4514::escapeValue)).isEqualTo("ou=mailbox,dc=nodomain");
        assertThat(o.url().attributes()).containsExactly("username", "mailhost", "port");
        assertThat(o.url().scope()).isEqualTo(SearchScope.ONE);
        assertThat(o.url().filter().render("alice", Filter::encodeValue)).isEqualTo("(uid=alice)");
        assertThat(o.bindDn()).isNull();
        assertThat(o.timeoutMillis()).isEqualTo(10_000);
    }

    @Test
    void versionPrefixAndVersionAlone() {
        assertThat(LdapOptions.parse("3:ldap://h/dc=x??sub?(cn=%s)").version()).isEqualTo(3);
        assertThat(LdapOptions.parse("3:ldap://h/dc=x??sub?(cn=%s)").url().hosts())
                .containsExactly(new LdapUrl.HostPort("h", 389));
        LdapOptions versionOnly = LdapOptions.parse("3");
        assertThat(versionOnly.version()).isEqualTo(3);
        assertThat(versionOnly.url().filter().toString()).isEqualTo("(uid=%s)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:ldap://h/", "4", "http://h/", "not a url", "ldap://h/dc=x?a?bogus?(uid=%s)",
            "ldap://h/dc=x???(uid=%s", "ldap://h/dc=x???(uid=%s)?!x-unknown=1", "ldap://h:99999/",
            "ldaps://h/dc=x???(uid=%s)?x-starttls", "ldap://h/dc=x???(uid=%s)?x-bindpw=pw"})
    void badOptionsAreStartupErrors(String option) {
        assertThatThrownBy(() -> LdapOptions.parse(option)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void severalHostsPortsAndIpv6() {
        LdapUrl url = LdapOptions.parse("ldaps://a.example b.example:1636 [::1]:7/dc=x").url();
        assertThat(url.secure()).isTrue();
        assertThat(url.hosts()).containsExactly(new LdapUrl.HostPort("a.example", 636),
                new LdapUrl.HostPort("b.example", 1636), new LdapUrl.HostPort("::1", 7));
    }

    @Test
    void extensionsAreUrlDecodedAndNonCriticalUnknownOnesIgnored() {
        LdapOptions o = LdapOptions.parse("ldap://h/dc=x???(uid=%s)"
                + "?!bindname=cn=admin%2cdc=nodomain,x-bindpw=s%3fcret%2c,x-other=1,x-starttls,x-timeout=3");
        assertThat(o.bindDn()).isEqualTo("cn=admin,dc=nodomain");
        assertThat(o.bindPassword()).isEqualTo("s?cret,");
        assertThat(o.startTls()).isTrue();
        assertThat(o.timeoutMillis()).isEqualTo(3000);
        assertThat(o.toString()).doesNotContain("s?cret");
    }

    @Test
    void keyIsPaddedThenEscapedForFilters() {
        KeyTemplate t = KeyTemplate.parse("(&(uid=%s)(cn=%8s)(x=%2C%%))");
        assertThat(t.render("bob", Filter::encodeValue)).isEqualTo("(&(uid=bob)(cn=     bob)(x=,%))");
        assertThat(t.render("*)(uid=*", Filter::encodeValue))
                .startsWith("(&(uid=\\2a\\29\\28uid=\\2a)");
        assertThat(KeyTemplate.parse("(uid=%2s)").render("longer", Filter::encodeValue)).isEqualTo("(uid=longer)");
        // non-ASCII is hex-escaped (RFC 4515 allows it) and decodes back to the key
        String utf8 = KeyTemplate.parse("(uid=%s)").render("jürgen", Filter::encodeValue);
        assertThat(parse(utf8).getAssertionValue()).isEqualTo("jürgen");
    }

    private static Filter parse(String filter) {
        try {
            return Filter.create(filter);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new AssertionError(filter, e);
        }
    }

    @Test
    void keyInTheBaseDnIsEscapedPerRfc4514() {
        KeyTemplate base = LdapOptions.parse("ldap://h/uid=%s,ou=mailbox,dc=nodomain?mailhost?base").url().base();
        assertThat(base.usesKey()).isTrue();
        assertThat(base.render("a,b=c+d", Rfc4514::escapeValue)).isEqualTo("uid=a\\,b\\=c\\+d,ou=mailbox,dc=nodomain");
        assertThat(base.render(" #x ", Rfc4514::escapeValue)).isEqualTo("uid=\\ #x\\ ,ou=mailbox,dc=nodomain");
    }

    @Test
    void attributesFromTheUrl() {
        assertThat(LdapOptions.parse("ldap://h/dc=x?mail?sub?(uid=%s)").url().attributes()).isEqualTo(List.of("mail"));
    }
}
