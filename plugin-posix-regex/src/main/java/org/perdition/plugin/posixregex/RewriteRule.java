package org.perdition.plugin.posixregex;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.perdition.plugin.api.LookupException;

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
     *
     * @throws LookupException when matching would take unbounded time (catastrophic backtracking,
     *         {@link BoundedText}): the lookup fails for that key instead of hanging its thread
     */
    Outcome apply(String key) throws LookupException {
        Matcher match = pattern.matcher(new BoundedText(key));
        try {
            if (!match.find()) {
                return new Outcome.NoMatch();
            }
        } catch (BoundedText.BudgetExceeded e) {
            throw new LookupException(LookupException.Kind.OTHER, "rule \"" + source + "\" needs more than "
                    + BoundedText.STEP_BUDGET + " steps on this key; simplify the pattern (nested repetition?)");
        } catch (StackOverflowError e) {
            // java.util.regex recurses once per repetition of a group: (a|b)* on a long key overflows
            throw new LookupException(LookupException.Kind.OTHER, "rule \"" + source + "\" recurses too deeply"
                    + " on this key; simplify the pattern");
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
