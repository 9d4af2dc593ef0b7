package org.perdition.plugin.posixregex;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.api.PopmapLookup;
import org.perdition.plugin.testkit.PopmapLookupContract;

/**
 * The lookup contract over a rule file with one anchored, literal rule per entry. The rules are
 * read once into memory, so there is no back end to stop or slow down: those tests are skipped.
 */
class PosixRegexLookupContractTest extends PopmapLookupContract {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("popmap.re");
    }

    @Override
    protected PopmapLookup lookupWith(Map<String, String> entries) throws Exception {
        write(entries);
        PosixRegexLookup lookup = new PosixRegexLookup();
        lookup.init(new PluginContext(Optional.of(file().toString()), "@", "POP3"));
        return lookup;
    }

    @Override
    protected void changeEntries(Map<String, String> entries) throws Exception {
        write(entries);
    }

    private void write(Map<String, String> entries) throws Exception {
        StringBuilder rules = new StringBuilder();
        entries.forEach((key, value) -> rules.append('^').append(literal(key)).append("$: ").append(value).append('\n'));
        // ISO-8859-1 on both sides: the rule file and the keys are the proxy's byte strings (RuleFile)
        Files.writeString(file(), rules, StandardCharsets.ISO_8859_1);
    }

    /** The key as an ERE matching only itself: metacharacters in brackets (values cannot hold spaces). */
    private static String literal(String key) {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            out.append(".^$*+?()[]{}|\\".indexOf(c) >= 0 ? "[" + c + "]" : String.valueOf(c));
        }
        return out.toString();
    }
}
