package org.perdition.plugin.gdbm;

import org.pf4j.Plugin;

/** pf4j entry point of the gdbm popmap plugin; the work is in {@link GdbmLookup}. */
public class GdbmPlugin extends Plugin {
}
