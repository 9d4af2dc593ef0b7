package org.perdition.plugin.posixregex;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.perdition.plugin.api.LookupException;

/**
 * Issue 9: popmap.re and the POSIX ERE translator on arbitrary text, then every rule applied to
 * an arbitrary key. Allowed outcomes:
 * <ul>
 *   <li>the file is refused with a CONFIGURATION LookupException naming {@code FILE:LINE};</li>
 *   <li>or every rule either gives an outcome or refuses the key with an OTHER LookupException:
 *       matching is bounded ({@link BoundedText}), so a pattern that would backtrack without end
 *       (e.g. {@code (a+)+$}) cannot hang a lookup thread, and Jazzer's per-input timeout would
 *       report one that did;</li>
 *   <li>a Value keeps the key's text before the match (bug B27's behaviour), so it starts with a
 *       prefix of the key, and NotFound only comes from an empty match at the key's end.</li>
 * </ul>
 * {@link PosixEre#translate} on each raw line gives a Java pattern or a PatternSyntaxException,
 * nothing else. Input layout (ISO-8859-1): the key on the first line, LF, then the file text.
 */
class PopmapReFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void readsAndMatches(byte[] input) {
        String all = new String(input, StandardCharsets.ISO_8859_1);
        int newline = all.indexOf('\n');
        String key = newline < 0 ? all : all.substring(0, newline);
        String text = newline < 0 ? "" : all.substring(newline + 1);
        for (String line : text.split("\n", -1)) {
            try {
                assertThat(PosixEre.compile(line)).isNotNull();
            } catch (PatternSyntaxException refused) {
                assertThat(refused.getDescription()).isNotBlank();
            }
        }
        List<RewriteRule> rules;
        try {
            rules = RuleFile.parse(text, "popmap.re");
        } catch (LookupException refused) {
            assertThat(refused.kind()).isEqualTo(LookupException.Kind.CONFIGURATION);
            assertThat(refused.getMessage()).matches("(?s)popmap\\.re:\\d+: .+");
            return;
        }
        for (RewriteRule rule : rules) {
            try {
                RewriteRule.Outcome outcome = rule.apply(key);
                if (outcome instanceof RewriteRule.Outcome.Value value) {
                    assertThat(value.value()).isNotNull();
                    java.util.regex.Matcher match = rule.pattern().matcher(key);
                    assertThat(match.find()).isTrue();   // apply succeeded, so this match is bounded too
                    assertThat(value.value()).startsWith(key.substring(0, match.start()));
                } else if (outcome instanceof RewriteRule.Outcome.NotFound) {
                    java.util.regex.Matcher match = rule.pattern().matcher(key);
                    assertThat(match.find()).isTrue();
                    assertThat(match.start()).isEqualTo(key.length()).isEqualTo(match.end());
                }
            } catch (LookupException refused) {
                assertThat(refused.kind()).isEqualTo(LookupException.Kind.OTHER);
                assertThat(refused.getMessage()).contains(rule.source());
            }
        }
    }
}
