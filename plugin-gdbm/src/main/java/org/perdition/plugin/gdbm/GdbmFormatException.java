package org.perdition.plugin.gdbm;

/** The bytes are not a GDBM file we can read (wrong magic, truncated, a pointer outside the file). */
public class GdbmFormatException extends Exception {

    public GdbmFormatException(String message) {
        super(message);
    }
}
