package org.perdition.protocol.pop3;

import java.util.Arrays;
import java.util.List;

/**
 * One client line split the way perdition's tokenizer does it (spec §3.1): on single spaces, so
 * consecutive spaces give empty tokens, and a CR anywhere in the line is dropped.
 *
 * @param verb      the first token, as sent (may be empty)
 * @param arguments the tokens after the verb, empty ones included
 * @param rest      everything after the first space, byte for byte, or null when there is no space;
 *                  PASS uses it so that spaces in passwords survive (spec §3.4, and no token
 *                  splitting at 4096 bytes: bug B31)
 */
record Pop3CommandLine(String verb, List<String> arguments, String rest) {

    static Pop3CommandLine parse(String line) {
        String text = line.indexOf('\r') < 0 ? line : line.replace("\r", "");
        int space = text.indexOf(' ');
        if (space < 0) {
            return new Pop3CommandLine(text, List.of(), null);
        }
        String rest = text.substring(space + 1);
        List<String> arguments = Arrays.asList(rest.split(" ", -1));
        return new Pop3CommandLine(text.substring(0, space), List.copyOf(arguments), rest);
    }

    boolean is(String command) {
        return verb.equalsIgnoreCase(command);
    }

    boolean hasArguments() {
        return !arguments.isEmpty();
    }

    /** Exactly one argument and it is not empty ("USER  a" and "USER a " have two, spec §3.4). */
    boolean hasOneNonEmptyArgument() {
        return arguments.size() == 1 && !arguments.get(0).isEmpty();
    }
}
