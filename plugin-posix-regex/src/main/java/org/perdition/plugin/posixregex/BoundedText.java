package org.perdition.plugin.posixregex;

/**
 * A key that a {@link java.util.regex.Matcher} may read only so many times. Java's regex engine
 * backtracks, so a popmap.re rule such as {@code ^(.*a){20}$} takes time of degree 20 in the key's
 * length on a key like {@code aaa...ab} (hours for 61 characters): a client could hang a lookup
 * thread with its user name (issue 9, fuzzing). glibc's {@code regexec}, which perdition
 * uses, is a DFA/NFA hybrid and does not have that problem, so the bound keeps perdition's
 * behaviour for every rule that matches in reasonable time and refuses the others.
 *
 * <p>Every character read counts one step; the matcher reads the text through {@link #charAt},
 * so the work of one match is bounded by {@link #STEP_BUDGET} reads, whatever the pattern.
 */
final class BoundedText implements CharSequence {

    /** Far above any sane rule on a user name (hundreds of reads), about 0.1 s of matching at worst. */
    static final long STEP_BUDGET = 1_000_000;

    /** Thrown out of the matcher when the budget is spent. */
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super("regular expression took too many steps", null, false, false);
        }
    }

    private final String text;
    private final long[] steps;

    BoundedText(String text) {
        this(text, new long[] {0});
    }

    private BoundedText(String text, long[] steps) {
        this.text = text;
        this.steps = steps;
    }

    @Override
    public char charAt(int index) {
        if (++steps[0] > STEP_BUDGET) {
            throw new BudgetExceeded();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.substring(start, end), steps);   // shares the budget
    }

    @Override
    public String toString() {
        return text;
    }
}
