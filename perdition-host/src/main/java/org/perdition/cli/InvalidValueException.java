package org.perdition.cli;

/** A value that does not fit its option; {@link OptionApplier} adds the option name and origin. */
final class InvalidValueException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param expected what the option accepts, e.g. "a number of seconds" */
    InvalidValueException(String expected) {
        super(expected);
    }

    String expected() {
        return getMessage();
    }
}
