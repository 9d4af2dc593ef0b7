package org.perdition.plugin.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.List;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.api.PopmapLookup;
import org.pf4j.Extension;

/**
 * perdition's LDAP map (perditiondb_ldap, spec §5.8): the key is put into the URL's filter (and
 * base DN) and the first entry found gives user, host and port.
 *
 * <p>Unlike perdition (no escaping at all), the key is escaped per RFC 4515 in the filter and
 * RFC 4514 in the base DN, so {@code *)(uid=*} matches nothing. A bad option string fails
 * start-up; a server that is down, refuses the bind or times out makes the lookup fail with an
 * ACCESS error (the host logs it and falls through to {@code -s}), and the next lookup reconnects.
 */
@Extension
public class LdapLookup implements PopmapLookup {

    private static final System.Logger LOG = System.getLogger(LdapLookup.class.getName());

    private final LdapConfTrust trust;
    private volatile PluginContext context;
    private volatile LdapOptions options;
    private volatile LdapDirectory directory;

    public LdapLookup() {
        this(LdapConfTrust.system());
    }

    /** For tests: another environment and ldap.conf for the CA file. */
    LdapLookup(LdapConfTrust trust) {
        this.trust = trust;
    }

    @Override
    public void init(PluginContext context) throws LookupException {
        this.context = context;
        LdapOptions parsed;
        try {
            parsed = LdapOptions.parse(context.options().orElse(""));
            if (parsed.usesTls()) {
                parsed = parsed.withDefaultCaFile(trust.caFile());
            }
        } catch (IllegalArgumentException e) {
            throw new LookupException(LookupException.Kind.CONFIGURATION, "ldap: map_library_opt: " + e.getMessage(), e);
        }
        LdapDirectory previous = directory;
        options = parsed;
        directory = new LdapDirectory(parsed);
        if (previous != null) {
            previous.close();
        }
        try {
            directory.pool();
        } catch (LDAPException e) {
            // not fatal: perdition connects per lookup; the next lookup tries again
            LOG.log(System.Logger.Level.WARNING, "ldap: " + parsed.url().hosts() + " not available at start-up: "
                    + e.getMessage());
        }
    }

    /** SIGHUP: re-parse the option string and reconnect (perdition re-initialises the library). */
    @Override
    public void reload() throws LookupException {
        if (context != null) {
            init(context);
        }
    }

    @Override
    public void close() {
        LdapDirectory current = directory;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public LookupResult lookup(LookupRequest request) throws LookupException {
        LdapOptions current = options;
        LdapDirectory servers = directory;
        if (current == null || servers == null) {
            throw new LookupException(LookupException.Kind.OTHER, "ldap: lookup before init");
        }
        String key = request.key();
        String base = current.url().base().render(key, Rfc4514::escapeValue);
        String filter = current.url().filter().render(key, Filter::encodeValue);
        List<String> attributes = current.url().attributes();
        LDAPConnectionPool pool = null;
        try {
            pool = servers.pool();
            SearchRequest search = new SearchRequest(base, current.url().scope(), Filter.create(filter),
                    attributes.toArray(String[]::new));
            search.setResponseTimeoutMillis(current.timeoutMillis());
            search.setTimeLimitSeconds(Math.max(1, current.timeoutMillis() / 1000));
            SearchResult result = pool.search(search);
            return found(result.getSearchEntries(), attributes);
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return LookupResult.notFound(); // the base (perhaps built from the key) does not exist
            }
            throw failure(current, servers, pool, e);
        } catch (LDAPException e) {
            throw failure(current, servers, pool, e);
        }
    }

    private LookupResult found(List<SearchResultEntry> entries, List<String> attributes) throws LookupException {
        if (entries.isEmpty()) {
            return LookupResult.notFound();
        }
        if (entries.size() > 1) {
            // perdition warns too (with a broken format string, spec §5.8) and uses the first
            LOG.log(System.Logger.Level.WARNING, "ldap: " + entries.size() + " entries match, using "
                    + entries.get(0).getDN());
        }
        try {
            String value = EntryValue.of(entries.get(0), attributes, context.domainDelimiter());
            return value == null ? LookupResult.notFound() : LookupResult.found(value);
        } catch (IllegalStateException e) {
            throw new LookupException(LookupException.Kind.OTHER, "ldap: " + e.getMessage());
        }
    }

    private static LookupException failure(LdapOptions current, LdapDirectory servers, LDAPConnectionPool pool,
            LDAPException e) {
        if (e.getResultCode().isClientSideResultCode() || e.getResultCode() == ResultCode.UNAVAILABLE) {
            servers.discard(pool); // connection-level trouble: reconnect from scratch on the next lookup
        }
        return new LookupException(LookupException.Kind.ACCESS, "ldap: " + describe(current, e), e);
    }

    /** Names the servers and the bind DN, so that the log says which login failed; never the password. */
    private static String describe(LdapOptions current, LDAPException e) {
        String servers = current.url().hosts().toString();
        if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
            return "bind as " + (current.bindDn() == null ? "anonymous" : "'" + current.bindDn() + "'") + " to "
                    + servers + " failed: invalid credentials (check bindname and x-bindpw)";
        }
        return servers + ": " + e.getResultCode() + ": " + e.getMessage();
    }

    /** The parsed option string in use (for tests and logs; never shows the password). */
    public String describeOptions() {
        return String.valueOf(options);
    }
}
