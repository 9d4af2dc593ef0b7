package org.perdition.plugin.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.perdition.plugin.api.PopmapLookup;
import org.perdition.plugin.testkit.PopmapLookupContract;

/**
 * The lookup contract against a private slapd. Each value is stored whole in the {@code username}
 * attribute, which the plugin returns as it is when the URL names no host or port attribute
 * (spec §5.8). Down is a stopped slapd, slow a slapd frozen with SIGSTOP.
 */
class LdapLookupContractTest extends PopmapLookupContract {

    private static final String BASE = "ou=mailbox,dc=nodomain";

    private static SlapdServer slapd;

    @BeforeAll
    static void startSlapd() throws Exception {
        Assumptions.assumeTrue(SlapdServer.available(), "slapd, slapadd or openssl not installed");
        slapd = SlapdServer.start("");
    }

    @AfterAll
    static void stopSlapd() throws Exception {
        if (slapd != null) {
            slapd.close();
        }
    }

    @Override
    protected PopmapLookup lookupWith(Map<String, String> entries) throws Exception {
        changeEntries(entries);
        return LookupAssertions.init("ldap://127.0.0.1:" + slapd.port() + "/" + BASE
                + "?username?one?(uid=%s)?x-timeout=2");
    }

    /** Replaces every entry below the base with {@code entries}; the plugin reads the directory live. */
    @Override
    protected void changeEntries(Map<String, String> entries) throws Exception {
        try (LDAPConnection admin = new LDAPConnection("127.0.0.1", slapd.port(),
                SlapdServer.ADMIN_DN, SlapdServer.ADMIN_PASSWORD)) {
            for (SearchResultEntry old : admin.search(BASE, SearchScope.ONE, "(objectClass=*)").getSearchEntries()) {
                admin.delete(old.getDN());
            }
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                admin.add(new Entry(new DN(new RDN("uid", entry.getKey()), new DN(BASE)),
                        new Attribute("objectClass", "uidObject", "perditionPopmap"),
                        new Attribute("uid", entry.getKey()),
                        new Attribute("username", entry.getValue())));
            }
        }
    }

    @Override
    protected void stopBackend() {
        slapd.stop();
    }

    @Override
    protected void startBackend() throws Exception {
        slapd.startProcess();
    }

    @Override
    protected void makeBackendSlow() throws Exception {
        signal("STOP");
    }

    @Override
    protected void makeBackendFast() throws Exception {
        signal("CONT");
    }

    private static void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(slapd.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " slapd failed");
        }
    }
}
