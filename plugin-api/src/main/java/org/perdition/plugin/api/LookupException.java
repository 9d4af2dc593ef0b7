package org.perdition.plugin.api;

/**
 * The map could not be consulted. The host logs it and falls through to {@code -s},
 * as perdition does for every negative return code.
 */
public class LookupException extends Exception {

    /** Why: perdition's -1 (access error: file missing, server down, bad credentials) or -3 (anything else). */
    public enum Kind { ACCESS, CONFIGURATION, OTHER }

    private final Kind kind;

    public LookupException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public LookupException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
