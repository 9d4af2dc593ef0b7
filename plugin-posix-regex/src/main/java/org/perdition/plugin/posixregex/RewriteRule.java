package org.perdition.plugin.posixregex;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code pattern substitution} pair of popmap.re (spec §5.4).
 *
 * @param source  the pattern as written (trailing ':' removed), for messages
 * @param pattern the compiled pattern
 * @param substitution the replacement, with {@code $0}..{@code $9}
 */
record RewriteRule(String source, Pattern pattern, String substitution) {

    /** What a rule says about a key. */
    sealed interface Outcome {
        record NoMatch() implements Outcome {
        }

        /** The rule matched, but perdition answers "not found" (empty match at the end of the key). */
        record NotFound() implements Outcome {
        }

        record Value(String value) implements Outcome {
        }
    }

    /**
     * Applies the rule. Result = the key's text BEFORE the match + the expanded substitution; the
     * text after the match is dropped. That is perdition's observed behaviour (bug B27, rule
     * {@code bob carol@h:p} on {@code xboby} gives {@code xcarol@h:p}); it is kept because
     * existing popmap.re files may rely on it.
     */
    Outcome apply(String key) {
        Matcher match = pattern.matcher(key);
        if (!match.find()) {
            return new Outcome.NoMatch();
        }
        if (match.start() == match.end() && match.start() == key.length()) {
            return new Outcome.NotFound();
        }
        return new Outcome.Value(key.substring(0, match.start()) + expand(match));
    }

    /** {@code $n} becomes group n; a group that did not take part, or does not exist, stays {@code $n}. */
    private String expand(Matcher match) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < substitution.length(); i++) {
            char c = substitution.charAt(i);
            char next = i + 1 < substitution.length() ? substitution.charAt(i + 1) : ' ';
            if (c == '$' && next >= '0' && next <= '9') {
                int group = next - '0';
                String text = group <= match.groupCount() ? match.group(group) : null;
                out.append(text != null ? text : "$" + group);
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
