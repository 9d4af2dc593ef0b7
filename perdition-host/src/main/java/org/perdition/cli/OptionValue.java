package org.perdition.cli;

/**
 * One use of an option. {@code origin} is null for the command line, else "FILE:LINE".
 * {@code value} is null for a flag.
 */
record OptionValue(OptionSpec spec, String value, String origin) {

    boolean fromCommandLine() {
        return origin == null;
    }

    /** Prefix of error messages: "perdition: " or "perdition: FILE:LINE: ". */
    String errorPrefix() {
        return origin == null ? "perdition: " : "perdition: " + origin + ": ";
    }
}
