package org.perdition.protocol.managesieve;

/**
 * One word of a ManageSieve command (RFC 5804 §4): an atom, or a string (quoted or literal),
 * unescaped. Commands distinguish them: {@code NOOP} takes a string only, {@code AUTHENTICATE}'s
 * response must be a string.
 */
record SieveArg(String value, boolean string) {

    static SieveArg atom(String value) {
        return new SieveArg(value, false);
    }

    static SieveArg string(String value) {
        return new SieveArg(value, true);
    }
}
