package org.perdition.plugin.posixregex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.perdition.plugin.api.LookupException;

/** Issue 9: a rule that would backtrack without end refuses the key instead of hanging the lookup. */
class BoundedMatchTest {

    private static RewriteRule rule(String pattern, String substitution) {
        return new RewriteRule(pattern, PosixEre.compile(pattern), substitution);
    }

    @Test
    void nestedRepetitionOnAHostileKeyIsRefused() {
        // polynomial of degree 20 in Java's backtracking matcher: without the bound, hours on 61 characters
        RewriteRule evil = rule("^(.*a){20}$", "h:110");
        assertThatThrownBy(() -> evil.apply("a".repeat(60) + "b"))
                .isInstanceOf(LookupException.class)
                .hasMessageContaining("^(.*a){20}$")
                .satisfies(e -> assertThat(((LookupException) e).kind()).isEqualTo(LookupException.Kind.OTHER));
    }

    @Test
    void aCostlyRuleStillAnswersOrdinaryKeys() throws LookupException {
        // the same shape, of degree 4: cheap on a user name, refused only on a long hostile key
        RewriteRule costly = rule("^(.*a){4}$", "h:110");
        assertThat(costly.apply("xaxaxaxa")).isEqualTo(new RewriteRule.Outcome.Value("h:110"));
        assertThat(costly.apply("bob")).isEqualTo(new RewriteRule.Outcome.NoMatch());
    }

    @Test
    void deepGroupRecursionOnALongKeyIsRefused() {
        RewriteRule deep = rule("^(a|b)*$", "h");
        assertThatThrownBy(() -> deep.apply("ab".repeat(200_000)))
                .isInstanceOf(LookupException.class)
                .hasMessageContaining("(a|b)*");
    }

    @Test
    void groupsOfABoundedKeyAreStillExpanded() throws LookupException {
        RewriteRule split = rule("^(.*)@(.*)$", "$1@$2.back:110");
        assertThat(split.apply("bob@example.com")).isEqualTo(new RewriteRule.Outcome.Value("bob@example.com.back:110"));
    }
}
