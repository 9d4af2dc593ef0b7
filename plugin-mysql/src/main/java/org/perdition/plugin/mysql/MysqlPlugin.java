package org.perdition.plugin.mysql;

import org.pf4j.Plugin;

/** pf4j entry point of the MySQL popmap plugin; the work is in {@link MysqlLookup}. */
public class MysqlPlugin extends Plugin {
}
