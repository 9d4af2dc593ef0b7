package org.perdition.protocol.imap;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the tokens after a command name into arguments: {@code *(SP arg)}, exactly one SP between
 * arguments, lists in parentheses. Any other shape (two spaces, a trailing space, a bad quoted
 * string, unbalanced parentheses) is malformed.
 */
final class ArgumentParser {

    private final List<Token> tokens;
    private int pos;

    private ArgumentParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** @return the arguments, or null when the tokens are malformed */
    static List<Arg> parse(List<Token> tokens) {
        ArgumentParser parser = new ArgumentParser(tokens);
        List<Arg> args = new ArrayList<>();
        while (parser.pos < tokens.size()) {
            if (!(parser.next() instanceof Token.Space)) {
                return null;
            }
            Arg arg = parser.argument();
            if (arg == null) {
                return null;
            }
            args.add(arg);
        }
        return args;
    }

    private Token next() {
        return pos < tokens.size() ? tokens.get(pos++) : null;
    }

    private Arg argument() {
        Token token = next();
        if (token instanceof Token.Atom atom) {
            return new Arg.Text(atom.text(), Arg.Kind.ATOM);
        }
        if (token instanceof Token.Quoted quoted) {
            return quoted.wellFormed() ? new Arg.Text(quoted.text(), Arg.Kind.QUOTED) : null;
        }
        if (token instanceof Token.Literal literal) {
            return new Arg.Text(literal.bytes(), Arg.Kind.LITERAL);
        }
        if (token instanceof Token.Open) {
            return list();
        }
        return null;
    }

    /** After "(": {@code [arg *(SP arg)] ")"}. */
    private Arg list() {
        List<Arg> items = new ArrayList<>();
        if (pos < tokens.size() && tokens.get(pos) instanceof Token.Close) {
            pos++;
            return new Arg.ListArg(items);
        }
        while (true) {
            Arg item = argument();
            if (item == null) {
                return null;
            }
            items.add(item);
            Token after = next();
            if (after instanceof Token.Close) {
                return new Arg.ListArg(items);
            }
            if (!(after instanceof Token.Space)) {
                return null;
            }
        }
    }
}
