package org.perdition.plugin.ldap;

import java.util.Optional;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;

/** Small helpers for driving {@link LdapLookup} as the host does. */
final class LookupAssertions {

    private LookupAssertions() {
    }

    static LdapLookup init(String option) throws LookupException {
        return init(option, "@");
    }

    static LdapLookup init(String option, String delimiter) throws LookupException {
        LdapLookup lookup = new LdapLookup();
        lookup.init(new PluginContext(Optional.of(option), delimiter, "IMAP4"));
        return lookup;
    }

    /** The value found, or null for NotFound. */
    static String value(LdapLookup lookup, String key) throws LookupException {
        LookupResult result = lookup.lookup(LookupRequest.of(key));
        return result instanceof LookupResult.Found found ? found.value() : null;
    }
}
