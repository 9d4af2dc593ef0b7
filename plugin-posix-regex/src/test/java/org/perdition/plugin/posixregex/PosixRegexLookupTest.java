package org.perdition.plugin.posixregex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;

class PosixRegexLookupTest {

    @TempDir
    Path dir;

    private PosixRegexLookup lookupWith(String rules) throws Exception {
        Path file = dir.resolve("popmap.re");
        Files.writeString(file, rules, StandardCharsets.ISO_8859_1);
        PosixRegexLookup lookup = new PosixRegexLookup();
        lookup.init(new PluginContext(Optional.of(file.toString()), "@", "POP3"));
        return lookup;
    }

    private static LookupResult lookUp(PosixRegexLookup lookup, String key) throws LookupException {
        return lookup.lookup(LookupRequest.of(key));
    }

    @Test
    void debianExamplesFirstMatchingRuleWins() throws Exception {
        PosixRegexLookup lookup = lookupWith("""
                ^user: user2@localhost
                (.*)@(.*): $1_$2@localhost
                ^[a-k]: localhost
                ^[^a-k]: localhost:110
                """);
        assertThat(lookup.ruleCount()).isEqualTo(4);
        assertThat(lookUp(lookup, "user")).isEqualTo(LookupResult.found("user2@localhost"));
        assertThat(lookUp(lookup, "bob@example.com")).isEqualTo(LookupResult.found("bob_example.com@localhost"));
        assertThat(lookUp(lookup, "carol")).isEqualTo(LookupResult.found("localhost"));
        assertThat(lookUp(lookup, "zed")).isEqualTo(LookupResult.found("localhost:110"));
        assertThat(lookUp(lookup, "")).isEqualTo(LookupResult.notFound());
    }

    @Test
    void textBeforeTheMatchIsKeptAndTextAfterItIsDroppedBugB27() throws Exception {
        PosixRegexLookup lookup = lookupWith("bob carol@h:p\n");
        assertThat(lookUp(lookup, "xboby")).isEqualTo(LookupResult.found("xcarol@h:p"));
    }

    @Test
    void patternsAreCaseSensitiveAndUnanchored() throws Exception {
        PosixRegexLookup lookup = lookupWith("Bob h1\n");
        assertThat(lookUp(lookup, "bob")).isEqualTo(LookupResult.notFound());
        assertThat(lookUp(lookup, "aBob")).isEqualTo(LookupResult.found("ah1"));
    }

    @Test
    void groupReferencesThatDidNotTakePartAreCopiedLiterally() throws Exception {
        PosixRegexLookup lookup = lookupWith("^(a)|(b) [$1][$2][$3][$0]$\n");
        assertThat(lookUp(lookup, "a")).isEqualTo(LookupResult.found("[a][$2][$3][a]$"));
        assertThat(lookUp(lookup, "b")).isEqualTo(LookupResult.found("[$1][b][$3][b]$"));
    }

    @Test
    void fourTokensOnALineAreTwoRulesAndOneTrailingColonIsRemoved() throws Exception {
        PosixRegexLookup lookup = lookupWith("^a: h1 ^b:: h2\n");
        assertThat(lookUp(lookup, "a")).isEqualTo(LookupResult.found("h1"));
        assertThat(lookUp(lookup, "b")).isEqualTo(LookupResult.notFound());
        assertThat(lookUp(lookup, "b:")).isEqualTo(LookupResult.found("h2"));
    }

    @Test
    void escapesAreResolvedBeforeTheRegexSeesThePattern() throws Exception {
        // a\.b reaches the regex as a.b (any character); quoting keeps the backslash.
        PosixRegexLookup lookup = lookupWith("a\\.b: dot-any 'x\\.y': dot-literal\n");
        assertThat(lookUp(lookup, "aXb")).isEqualTo(LookupResult.found("dot-any"));
        assertThat(lookUp(lookup, "xXy")).isEqualTo(LookupResult.notFound());
        assertThat(lookUp(lookup, "x.y")).isEqualTo(LookupResult.found("dot-literal"));
    }

    @Test
    void emptyMatchAtTheEndOfTheKeyIsNotFound() throws Exception {
        PosixRegexLookup lookup = lookupWith("$ h1\n");
        assertThat(lookUp(lookup, "bob")).isEqualTo(LookupResult.notFound());
    }

    @Test
    void oddTokenCountNamesFileAndLine() throws Exception {
        Path file = dir.resolve("popmap.re");
        Files.writeString(file, "# comment\n^a: h1\n^b: two words\n");
        PosixRegexLookup lookup = new PosixRegexLookup();
        assertThatThrownBy(() -> lookup.init(new PluginContext(Optional.of(file.toString()), "@", "POP3")))
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.CONFIGURATION))
                .hasMessageStartingWith(file + ":3: odd number of tokens");
    }

    @Test
    void badPatternNamesFileLineAndPattern() throws Exception {
        Path file = dir.resolve("popmap.re");
        Files.writeString(file, "^a: h1\n\n(unclosed: h2\n");
        PosixRegexLookup lookup = new PosixRegexLookup();
        assertThatThrownBy(() -> lookup.init(new PluginContext(Optional.of(file.toString()), "@", "POP3")))
                .isInstanceOf(LookupException.class)
                .hasMessageStartingWith(file + ":3: bad regular expression \"(unclosed\"");
    }

    @Test
    void missingFileIsAnAccessErrorNamingIt() {
        Path file = dir.resolve("nope.re");
        PosixRegexLookup lookup = new PosixRegexLookup();
        assertThatThrownBy(() -> lookup.init(new PluginContext(Optional.of(file.toString()), "@", "POP3")))
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS))
                .hasMessage("cannot read " + file + ": No such file or directory");
    }

    @Test
    void reloadRereadsTheFileAndKeepsTheOldRulesOnError() throws Exception {
        PosixRegexLookup lookup = lookupWith("^a h1\n");
        Path file = dir.resolve("popmap.re");
        Files.writeString(file, "^a h2\n");
        lookup.reload();
        assertThat(lookUp(lookup, "a")).isEqualTo(LookupResult.found("h2"));

        Files.writeString(file, "^a h3 dangling\n");
        assertThatThrownBy(lookup::reload).isInstanceOf(LookupException.class).hasMessageContaining(":1:");
        assertThat(lookUp(lookup, "a")).isEqualTo(LookupResult.found("h2"));
    }
}
