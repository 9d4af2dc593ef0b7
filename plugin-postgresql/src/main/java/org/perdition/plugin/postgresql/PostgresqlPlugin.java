package org.perdition.plugin.postgresql;

import org.pf4j.Plugin;

/** pf4j entry point of the PostgreSQL popmap plugin; the work is in {@link PostgresqlLookup}. */
public class PostgresqlPlugin extends Plugin {
}
