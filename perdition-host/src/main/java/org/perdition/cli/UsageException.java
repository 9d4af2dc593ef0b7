package org.perdition.cli;

/**
 * A start-up error in the options or the config file. The message is ONE line that names the
 * option (and the file and line when it came from the config file), ready to print to stderr.
 * {@code -h/--help} is reported the same way, with {@link #helpRequested()} true.
 */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean helpRequested;

    public UsageException(String message) {
        this(message, false);
    }

    private UsageException(String message, boolean helpRequested) {
        super(message);
        this.helpRequested = helpRequested;
    }

    static UsageException help() {
        return new UsageException("perdition: help requested", true);
    }

    /** -h/--help was given: the caller prints {@link HelpText#render()} and exits 0. */
    public boolean helpRequested() {
        return helpRequested;
    }
}
