package org.perdition.plugin.posixregex;

import org.pf4j.Plugin;

/** pf4j entry point of the posix_regex popmap plugin; the work is in {@link PosixRegexLookup}. */
public class PosixRegexPlugin extends Plugin {
}
