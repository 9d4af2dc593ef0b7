package org.perdition.plugin.posixregex;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a POSIX extended regular expression (glibc {@code regcomp} with REG_EXTENDED |
 * REG_NEWLINE, as perditiondb_posix_regex does) into a {@link Pattern}.
 *
 * <p>Translated: bracket expressions (POSIX classes such as {@code [[:alpha:]]}, a {@code ]}
 * first in the list is literal, backslash inside brackets is literal, {@code [} and {@code &&}
 * are not special); {@code {} that does not start an interval is literal; {@code *+?} at the
 * start of an expression or group, or after {@code |}, are literal; stacked quantifiers
 * ({@code a*?}, {@code a+*}) repeat the previous one instead of becoming Java's lazy or possessive
 * forms; an unmatched {@code )} is literal; GNU escapes {@code \< \> \` \'} become Java's.
 * REG_NEWLINE: {@code ^}/{@code $} match at newlines, and neither {@code .} nor a non-matching
 * list matches a newline. Matching is case-sensitive and unanchored.
 *
 * <p>Not emulated: POSIX picks the leftmost-LONGEST match, Java the leftmost match that its
 * backtracking finds first. They differ only for alternations such as {@code (a|ab)} on
 * {@code ab} (POSIX takes {@code ab}, Java {@code a}) and for sub-group assignments; write the
 * longer alternative first when it matters.
 */
final class PosixEre {

    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("alpha", "\\p{Alpha}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("lower", "\\p{Lower}"), Map.entry("space", "\\p{Space}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("xdigit", "\\p{XDigit}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("print", "\\p{Print}"));

    private static final Pattern INTERVAL = Pattern.compile("\\{(\\d*)(,(\\d*))?\\}");

    private final String ere;
    private final StringBuilder out = new StringBuilder();
    private final Deque<Integer> openGroups = new ArrayDeque<>();
    /** Where the last quantifiable atom starts in {@code out}; -1 where a quantifier would be literal. */
    private int atomStart = -1;
    private boolean afterQuantifier;

    private PosixEre(String ere) {
        this.ere = ere;
    }

    static Pattern compile(String ere) throws PatternSyntaxException {
        return Pattern.compile(translate(ere), Pattern.MULTILINE | Pattern.UNIX_LINES);
    }

    static String translate(String ere) throws PatternSyntaxException {
        PosixEre translator = new PosixEre(ere);
        translator.run();
        return translator.out.toString();
    }

    private void run() {
        int i = 0;
        while (i < ere.length()) {
            char c = ere.charAt(i);
            switch (c) {
                case '\\' -> i = escape(i);
                case '[' -> {
                    int start = out.length();
                    i = bracket(i);
                    atom(start);
                }
                case '(' -> {
                    openGroups.push(out.length());
                    out.append('(');
                    noAtom();
                    i++;
                }
                case ')' -> {
                    if (openGroups.isEmpty()) {
                        literal(c);   // POSIX: ')' is special only after a matching '('
                    } else {
                        out.append(')');
                        atom(openGroups.pop());
                    }
                    i++;
                }
                case '|', '^', '$' -> {
                    out.append(c);
                    noAtom();
                    i++;
                }
                case '*', '+', '?' -> {
                    quantifier(String.valueOf(c));
                    i++;
                }
                case '{' -> i = brace(i);
                case '.' -> {
                    atom(out.length());
                    out.append('.');
                    i++;
                }
                default -> {
                    literal(c);
                    i++;
                }
            }
        }
    }

    private int escape(int i) {
        if (i + 1 >= ere.length()) {
            throw new PatternSyntaxException("trailing backslash", ere, i);
        }
        char next = ere.charAt(i + 1);
        String java = switch (next) {
            case 'w', 'W', 's', 'S', 'b', 'B', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> "\\" + next;
            case '<' -> "\\b(?=\\w)";
            case '>' -> "\\b(?<=\\w)";
            case '`' -> "\\A";
            case '\'' -> "\\z";
            default -> null;
        };
        if (java == null) {
            literal(next);
        } else {
            atom(out.length());
            out.append(java);
        }
        return i + 2;
    }

    private int brace(int i) {
        Matcher interval = INTERVAL.matcher(ere).region(i, ere.length());
        boolean valid = interval.lookingAt()
                && !(interval.group(1).isEmpty() && (interval.group(2) == null || interval.group(3).isEmpty()));
        if (!valid || atomStart < 0) {
            literal('{');
            return i + 1;
        }
        String min = interval.group(1).isEmpty() ? "0" : interval.group(1);   // glibc accepts {,m}
        quantifier("{" + min + (interval.group(2) != null ? "," + interval.group(3) : "") + "}");
        return interval.end();
    }

    private void quantifier(String quantifier) {
        if (atomStart < 0) {
            literal(quantifier.charAt(0));   // '*' first in an expression is literal (glibc)
            return;
        }
        if (afterQuantifier) {
            // a** or a*? in POSIX repeats "a*"; in Java it would mean lazy/possessive.
            out.insert(atomStart, "(?:").append(')');
        }
        out.append(quantifier);
        afterQuantifier = true;
    }

    /** A bracket expression from {@code [} at {@code i}; returns the index after its {@code ]}. */
    private int bracket(int i) {
        int j = i + 1;
        StringBuilder set = new StringBuilder("[");
        boolean negate = j < ere.length() && ere.charAt(j) == '^';
        if (negate) {
            set.append('^');
            j++;
        }
        boolean first = true;
        while (true) {
            if (j >= ere.length()) {
                throw new PatternSyntaxException("unmatched [", ere, i);
            }
            char c = ere.charAt(j);
            if (c == ']' && !first) {
                j++;
                break;
            }
            first = false;
            if (c == '[' && j + 1 < ere.length() && ":=.".indexOf(ere.charAt(j + 1)) >= 0) {
                char kind = ere.charAt(j + 1);
                int close = ere.indexOf(kind + "]", j + 2);
                if (close < 0) {
                    throw new PatternSyntaxException("unterminated [" + kind, ere, j);
                }
                String name = ere.substring(j + 2, close);
                j = close + 2;
                if (kind == ':') {
                    String javaClass = CLASSES.get(name);
                    if (javaClass == null) {
                        throw new PatternSyntaxException("unknown character class [:" + name + ":]", ere, j);
                    }
                    set.append(javaClass);
                    continue;
                }
                if (name.length() != 1) {
                    throw new PatternSyntaxException("unsupported collating element [" + kind + name + kind + "]",
                            ere, j);
                }
                c = name.charAt(0);
            } else {
                j++;
            }
            if (j + 1 < ere.length() && ere.charAt(j) == '-' && ere.charAt(j + 1) != ']') {
                char high = ere.charAt(j + 1);
                if (high < c) {
                    throw new PatternSyntaxException("invalid range end " + c + "-" + high, ere, j);
                }
                set.append(literalText(c)).append('-').append(literalText(high));
                j += 2;
            } else {
                set.append(literalText(c));
            }
        }
        if (negate) {
            set.append("\\n");   // REG_NEWLINE: a non-matching list never matches a newline
        }
        out.append(set).append(']');
        return j;
    }

    private void literal(char c) {
        atom(out.length());
        out.append(literalText(c));
    }

    /** Letters and digits as they are, anything else as a hex escape, which Java never reads as syntax. */
    private static String literalText(char c) {
        if (c < 128 && Character.isLetterOrDigit(c)) {
            return String.valueOf(c);
        }
        return String.format("\\x{%x}", (int) c);
    }

    private void atom(int start) {
        atomStart = start;
        afterQuantifier = false;
    }

    private void noAtom() {
        atomStart = -1;
        afterQuantifier = false;
    }
}
