package org.perdition.protocol.imap;

/** One lexical item of an IMAP command's arguments (RFC 3501 §9), as {@link ArgumentLexer} finds them. */
sealed interface Token {

    /** One SP; kept as a token so that the parser can insist on exactly one between arguments. */
    record Space() implements Token {
    }

    record Open() implements Token {
    }

    record Close() implements Token {
    }

    /** A run of atom characters (lenient: anything but SP, parentheses, quotes and controls). */
    record Atom(String text) implements Token {
    }

    /** A quoted string, unescaped; {@code wellFormed} is false for bad escapes, CR/LF/NUL or a missing end quote. */
    record Quoted(String text, boolean wellFormed) implements Token {
    }

    /** A literal's bytes (ISO-8859-1), synchronising or not. */
    record Literal(String bytes) implements Token {
    }

    /** Something that is no token at all, e.g. a control character outside a quoted string. */
    record Junk() implements Token {
    }

    Space SPACE = new Space();
    Open OPEN = new Open();
    Close CLOSE = new Close();
    Junk JUNK = new Junk();
}
