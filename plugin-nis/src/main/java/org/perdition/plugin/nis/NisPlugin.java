package org.perdition.plugin.nis;

import org.pf4j.Plugin;

/** pf4j entry point of the NIS popmap plugin; the work is in {@link NisLookup}. */
public class NisPlugin extends Plugin {
}
