package org.perdition.plugin.ldap;

import org.pf4j.Plugin;

/** pf4j entry point of the LDAP popmap plugin; the work is in {@link LdapLookup}. */
public class LdapPlugin extends Plugin {
}
