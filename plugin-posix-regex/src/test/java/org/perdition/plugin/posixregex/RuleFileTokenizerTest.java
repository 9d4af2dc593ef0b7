package org.perdition.plugin.posixregex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleFileTokenizerTest {

    private static List<RuleFileTokenizer.Line> lines(String text) throws Exception {
        return RuleFileTokenizer.tokenize(text);
    }

    @Test
    void blanksSeparateTokensAndCommentsAndBlankLinesVanish() throws Exception {
        assertThat(lines("# header\n\n^a:\tlocalhost   # trailing comment\n  ^b: h2 ^c: h3\n"))
                .containsExactly(
                        new RuleFileTokenizer.Line(3, List.of("^a:", "localhost")),
                        new RuleFileTokenizer.Line(4, List.of("^b:", "h2", "^c:", "h3")));
    }

    @Test
    void backslashMakesTheNextCharacterLiteral() throws Exception {
        assertThat(lines("a\\ b c\\#d \\\\x").get(0).tokens()).containsExactly("a b", "c#d", "\\x");
    }

    @Test
    void backslashNewlineJoinsLinesWithNothingInserted() throws Exception {
        assertThat(lines("ab\\\ncd e\nf g")).containsExactly(
                new RuleFileTokenizer.Line(1, List.of("abcd", "e")),
                new RuleFileTokenizer.Line(3, List.of("f", "g")));
    }

    @Test
    void backslashAtTheEndOfACommentContinuesTheComment() throws Exception {
        assertThat(lines("# one \\\nstill comment\nx y")).containsExactly(new RuleFileTokenizer.Line(3, List.of("x", "y")));
    }

    @Test
    void singleQuotesAreLiteralDoubleQuotesKeepEscapes() throws Exception {
        assertThat(lines("'a \\# b' \"c \\\" #d\" e'f g'h '' x").get(0).tokens())
                .containsExactly("a \\# b", "c \" #d", "ef gh", "", "x");
    }

    @Test
    void carriageReturnEndsALine() throws Exception {
        assertThat(lines("a b\r\nc d\r\n")).extracting(RuleFileTokenizer.Line::tokens)
                .containsExactly(List.of("a", "b"), List.of("c", "d"));
    }

    @Test
    void unterminatedQuoteNamesTheLineItStarted() {
        assertThatThrownBy(() -> lines("a b\nc 'd\ne f"))
                .isInstanceOfSatisfying(RuleFileTokenizer.SyntaxError.class, e -> assertThat(e.line).isEqualTo(2))
                .hasMessageContaining("unterminated ' quote");
    }
}
