package org.perdition.protocol.imap;

import java.util.List;

/** A parsed command argument (RFC 3501 §9): a string of some kind, or a parenthesised list. */
sealed interface Arg {

    enum Kind { ATOM, QUOTED, LITERAL }

    record Text(String value, Kind kind) implements Arg {

        /** {@code string}: quoted or literal, no atom (ID field names and values, RFC 2971). */
        boolean isString() {
            return kind != Kind.ATOM;
        }

        boolean isNil() {
            return kind == Kind.ATOM && value.equalsIgnoreCase("NIL");
        }
    }

    record ListArg(List<Arg> items) implements Arg {
    }
}
