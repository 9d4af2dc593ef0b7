package org.perdition.plugin.posixregex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PosixEreTest {

    /** The text of the first match, or null. */
    private static String firstMatch(String ere, String input) {
        Matcher m = PosixEre.compile(ere).matcher(input);
        return m.find() ? m.group() : null;
    }

    @ParameterizedTest(name = "{0} on \"{1}\" finds \"{2}\"")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "[[:alpha:]]+       | 12abc3   | abc",
            "[[:digit:]]+       | ab123c   | 123",
            "[[:alnum:]]+       | --a1--   | a1",
            "[[:upper:]][[:lower:]]+ | xxBobby | Bobby",
            "[[:space:]]x       | a x      | ' x'",
            "[[:punct:]]+       | ab.,!c   | '.,!'",
            "[[:xdigit:]]+      | zzBEEFzz | BEEF",
            "[^[:digit:]]+      | 12ab34   | ab",
            "[]a]+              | x]a]y    | ]a]",
            "[^]a]+             | ]]bc]    | bc",
            "[a\\]+             | xa\\\\y  | a\\\\",
            "[a-c-]+            | x-ab-y   | -ab-",
            "[[.-.]a]+          | x-a-y    | -a-",
            "[&&a]+             | x&&a     | &&a",
            "[[a]+              | x[[a     | [[a",
            "a{2}               | aaa      | aa",
            "a{,2}b             | aaab     | aab",
            "a{x                | ba{x     | a{x",
            "{a                 | x{a      | {a",
            "*a                 | x*a      | *a",
            "(*a)               | x*a      | *a",
            "a)                 | ba)      | a)",
            "(?x)               | a?x      | ?x",
            "a**                | aaab     | aaa",
            "a+?                | aaab     | aaa",
            "\\.                | a.b      | .",
            "\\<bob\\>          | bobby bob | bob",
            "\\<bob\\>          | bobby    | NULL",
            "ab#c d             | ab#c d   | ab#c d",
            "^bob               | alice    | NULL",
            "Bob                | bob      | NULL",
    })
    void matchesLikePosixExtendedRegularExpressions(String ere, String input, String expected) {
        assertThat(firstMatch(ere, input)).isEqualTo(expected);
    }

    @Test
    void quantifierAfterAlternationIsLiteral() {
        assertThat(firstMatch("b|+c", "a+c")).isEqualTo("+c");
    }

    @Test
    void regNewlineAnchorsAtLinesAndDotAndNegatedListsSkipNewline() {
        assertThat(firstMatch("^b", "a\nb")).isEqualTo("b");
        assertThat(firstMatch("a$", "a\nb")).isEqualTo("a");
        assertThat(firstMatch("a.b", "a\nb")).isNull();
        assertThat(firstMatch("a[^x]b", "a\nb")).isNull();
    }

    @Test
    void groupsKeepPosixNumbering() {
        Matcher m = PosixEre.compile("(a*)*(b)").matcher("aab");
        assertThat(m.find()).isTrue();
        assertThat(m.group(2)).isEqualTo("b");
        assertThat(m.groupCount()).isEqualTo(2);
    }

    @Test
    void leftmostFirstNotLongestIsJavasDocumentedDifference() {
        // POSIX would match "ab"; documented in PosixEre, not emulated.
        assertThat(firstMatch("a|ab", "ab")).isEqualTo("a");
    }

    @Test
    void invalidExpressionsAreRejected() {
        assertThatThrownBy(() -> PosixEre.compile("[abc")).isInstanceOf(PatternSyntaxException.class)
                .hasMessageContaining("unmatched [");
        assertThatThrownBy(() -> PosixEre.compile("(ab")).isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> PosixEre.compile("[[:nosuch:]]")).isInstanceOf(PatternSyntaxException.class)
                .hasMessageContaining("[:nosuch:]");
        assertThatThrownBy(() -> PosixEre.compile("[z-a]")).isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> PosixEre.compile("ab\\")).isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void translationNeverLeavesJavaOnlySyntaxActive() {
        assertThat(Pattern.compile(PosixEre.translate("[&&[:alpha:]]")).matcher("&").matches()).isTrue();
    }
}
