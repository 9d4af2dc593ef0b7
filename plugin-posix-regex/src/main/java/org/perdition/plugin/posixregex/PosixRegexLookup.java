package org.perdition.plugin.posixregex;

import java.nio.file.Path;
import java.util.List;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.api.PopmapLookup;
import org.pf4j.Extension;

/**
 * perdition's posix_regex map (perditiondb_posix_regex, spec §5.4): the rules of popmap.re,
 * tried in order; the first matching rule gives the server.
 *
 * <p>The file is read once at init and again on SIGHUP ({@link #reload()}); a reload that fails
 * keeps the rules that were in use. Lookups read an immutable rule list, so they may run
 * concurrently with each other and with a reload.
 */
@Extension
public class PosixRegexLookup implements PopmapLookup {

    public static final String DEFAULT_FILE = "/etc/perdition/popmap.re";

    private volatile Path file = Path.of(DEFAULT_FILE);
    private volatile List<RewriteRule> rules = List.of();

    /** {@code -m} is the file path; empty means {@value #DEFAULT_FILE}. Unreadable or bad file: init fails. */
    @Override
    public void init(PluginContext context) throws LookupException {
        file = Path.of(context.options().filter(option -> !option.isEmpty()).orElse(DEFAULT_FILE));
        rules = RuleFile.read(file);
    }

    @Override
    public void reload() throws LookupException {
        rules = RuleFile.read(file);   // not reached on error: the old rules stay
    }

    @Override
    public LookupResult lookup(LookupRequest request) throws LookupException {
        String key = request.key();
        for (RewriteRule rule : rules) {
            RewriteRule.Outcome outcome = rule.apply(key);
            if (outcome instanceof RewriteRule.Outcome.Value value) {
                return LookupResult.found(value.value());
            }
            if (outcome instanceof RewriteRule.Outcome.NotFound) {
                return LookupResult.notFound();   // perdition returns -2 here, it does not try later rules
            }
        }
        return LookupResult.notFound();
    }

    /** The number of rules in use (diagnostics, tests). */
    public int ruleCount() {
        return rules.size();
    }
}
