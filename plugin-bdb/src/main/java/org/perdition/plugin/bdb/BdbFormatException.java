package org.perdition.plugin.bdb;

/** The bytes are not a Berkeley DB file this reader understands, or they are corrupt. */
public class BdbFormatException extends Exception {

    public BdbFormatException(String message) {
        super(message);
    }
}
