package org.perdition.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The grammar of spec §2.4. Entries are written "LINE:KEY=VALUE" or "LINE:KEY" (flag), joined by " | ". */
class ConfigFileReaderTest {

    static List<Arguments> rows() {
        return List.of(
                // spec §2.4 examples
                Arguments.of("l 2525\n", "1:l=2525"),
                Arguments.of("ok_line  \"A  #b\"  c\\#d 'e \\n' # c\n", "1:ok_line=A  #b  c#d e \\n"),
                Arguments.of("explicit_domain a\\\nb\n", "1:explicit_domain=ab"),
                // keys, flags, blanks
                Arguments.of("debug\n", "1:debug"),
                Arguments.of("   debug   \n", "1:debug"),
                Arguments.of("\tdebug\t\n", "1:debug"),
                Arguments.of("debug # comment\n", "1:debug"),
                Arguments.of("debug#comment\n", "1:debug"),
                Arguments.of("timeout\t\t30\n", "1:timeout=30"),
                Arguments.of("ok_line a  b\tc   \n", "1:ok_line=a  b\tc"),
                Arguments.of("ok_line a b # trailing comment\n", "1:ok_line=a b"),
                Arguments.of("a\nb\n\nc d\n", "1:a | 2:b | 4:c=d"),
                Arguments.of("", ""),
                Arguments.of("\n\n  \n", ""),
                // comments
                Arguments.of("# only a comment\n", ""),
                Arguments.of("  # indented comment\nq\n", "2:q"),
                Arguments.of("#comment \\\ncontinued\nq\n", "3:q"),
                Arguments.of("#managesieve_capability \\\n\"x\"\\\n\"y\"\nd\n", "4:d"),
                Arguments.of("ok_line a\\#b\n", "1:ok_line=a#b"),
                Arguments.of("ok_line \"a#b\" 'c#d'\n", "1:ok_line=a#b c#d"),
                // escapes
                Arguments.of("ok_line a\\ \n", "1:ok_line=a "),
                Arguments.of("ok_line \\ a\n", "1:ok_line= a"),
                Arguments.of("ok_line a\\\\b\n", "1:ok_line=a\\b"),
                Arguments.of("ok_line \\\"a\\\"\n", "1:ok_line=\"a\""),
                Arguments.of("ok\\ line x\n", "1:ok line=x"),
                Arguments.of("ok_line \\\n  x\n", "1:ok_line=  x"),
                Arguments.of("debug\\\n\n", "1:debug"),
                // quotes
                Arguments.of("ok_line \"\"\n", "1:ok_line="),
                Arguments.of("ok_line ''\n", "1:ok_line="),
                Arguments.of("ok_line \"a \"\n", "1:ok_line=a "),
                Arguments.of("ok_line 'a\\b'\n", "1:ok_line=a\\b"),
                Arguments.of("ok_line \"a\\\"b\"\n", "1:ok_line=a\"b"),
                Arguments.of("ok_line \"it's\"\n", "1:ok_line=it's"),
                Arguments.of("ok_line 'say \"hi\"'\n", "1:ok_line=say \"hi\""),
                Arguments.of("\"ok_line\" x\n", "1:ok_line=x"),
                Arguments.of("ok_line \"a\nb\"\nq\n", "1:ok_line=ab | 3:q"),
                Arguments.of("ok_line \"a\"\"b\"c\n", "1:ok_line=abc"),
                // CR ends a line; CRLF counts as one line for numbering
                Arguments.of("debug\rquiet\r", "1:debug | 2:quiet"),
                Arguments.of("timeout 5\r\nquiet\r\n", "1:timeout=5 | 2:quiet"),
                Arguments.of("ok_line a \r\n", "1:ok_line=a"),
                // last line without newline is kept
                Arguments.of("timeout 7", "1:timeout=7"),
                Arguments.of("x 1\ny 2\n# c\nz 3\n", "1:x=1 | 2:y=2 | 4:z=3"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void parses(String text, String expected) throws Exception {
        String actual = ConfigFileReader.parse(text).stream()
                .map(e -> e.line() + ":" + e.key() + (e.value() == null ? "" : "=" + e.value()))
                .collect(Collectors.joining(" | "));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereItStarts() {
        assertThatThrownBy(() -> ConfigFileReader.parse("debug\nok_line \"abc\n"))
                .isInstanceOfSatisfying(ConfigFileReader.SyntaxException.class,
                        e -> assertThat(e.line()).isEqualTo(2))
                .hasMessageContaining("unterminated");
    }
}
