package org.perdition.plugin.bdb;

import org.pf4j.Plugin;

/** pf4j entry point of the bdb popmap plugin; the work is in {@link BdbLookup}. */
public class BdbPlugin extends Plugin {
}
