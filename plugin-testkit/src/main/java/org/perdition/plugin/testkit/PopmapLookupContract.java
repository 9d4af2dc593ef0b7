package org.perdition.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PopmapLookup;

/**
 * The lookup contract every popmap plugin passes (issue 5, "One lookup contract"). A plugin's test
 * extends this class and stores {@link #ENTRIES} in the plugin's own back end (file, directory,
 * table) in {@link #lookupWith}; the optional hooks let it take part in the server-down, slow and
 * reload tests, which are skipped (not failed) when a plugin does not override them.
 *
 * <p>The values cover every form perdition accepts from a popmap (spec §5): host, host:port,
 * user@host:port and a bracketed IPv6 address with port. The keys cover plain names, a UTF-8 name
 * and a user@domain key (the -D / domain lookups). See README.md for how to use it.
 */
public abstract class PopmapLookupContract {

    /** The data set every implementation stores; iteration order is fixed. */
    public static final Map<String, String> ENTRIES = ordered(
            "alice", "imap1.example.org",
            "bob", "imap2.example.org:143",
            "carol", "carol2@imap3.example.org:993",
            "jürgen", "imap4.example.org",
            "v6user", "[2001:db8::1]:143",
            "eve@example.com", "imap5.example.org:110");

    /** What {@link #changeEntries} stores in the reload test: alice moves, bob goes, dave arrives. */
    public static final Map<String, String> CHANGED_ENTRIES = ordered(
            "alice", "imap9.example.org:143",
            "carol", "carol2@imap3.example.org:993",
            "dave", "imap6.example.org");

    /**
     * Keys that break naive LDAP filters, SQL strings, LIKE patterns, paths and regular
     * expressions. None is in {@link #ENTRIES}, so any Found for one of them is a leak.
     */
    public static final List<String> INJECTION_KEYS = List.of(
            "*", "*)(uid=*", "alice)(|(uid=*", "' OR '1'='1", "alice' OR '1'='1", "alice'--",
            "%", "_", "ali%", "..", "../alice", "alice/..", ".*", "^alice$", "alice\\", "\\", "\"alice\"");

    private PopmapLookup lookup;

    /**
     * Stores {@code entries} in the plugin's back end and returns a lookup on it, already
     * {@link PopmapLookup#init initialised}. Called before each test; the contract closes it after.
     */
    protected abstract PopmapLookup lookupWith(Map<String, String> entries) throws Exception;

    /** Replaces the back end's data with {@code entries}; the contract then calls reload(). */
    protected void changeEntries(Map<String, String> entries) throws Exception {
        Assumptions.abort("this plugin's test cannot change its entries");
    }

    /** Makes the back end unreachable (stop the server, remove the file). */
    protected void stopBackend() throws Exception {
        Assumptions.abort("this plugin's test cannot stop its back end");
    }

    /** Undoes {@link #stopBackend}; returns when the back end answers again. */
    protected void startBackend() throws Exception {
        Assumptions.abort("this plugin's test cannot start its back end");
    }

    /** Makes the back end accept requests but never (or very slowly) answer them. */
    protected void makeBackendSlow() throws Exception {
        Assumptions.abort("this plugin's test cannot make its back end slow");
    }

    /** Undoes {@link #makeBackendSlow}; called after the slow test, also when it failed. */
    protected void makeBackendFast() throws Exception {
    }

    /**
     * How long a failing lookup may take at most. Generous on purpose: the contract checks that a
     * lookup is bounded (a stuck back end must not hold a worker forever), not how fast it is.
     */
    protected Duration failureBound() {
        return Duration.ofSeconds(60);
    }

    @BeforeEach
    final void startLookup() throws Exception {
        lookup = lookupWith(ENTRIES);
        assertThat(lookup).as("lookupWith must return a lookup").isNotNull();
    }

    @AfterEach
    final void closeLookup() {
        if (lookup != null) {
            lookup.close();
        }
    }

    @Test
    void everyEntryIsFoundWithItsExactValue() throws Exception {
        for (Map.Entry<String, String> entry : ENTRIES.entrySet()) {
            assertThat(lookUp(entry.getKey())).as("key %s", entry.getKey())
                    .isEqualTo(LookupResult.found(entry.getValue()));
        }
    }

    @Test
    void anAbsentKeyIsNotFound() throws Exception {
        assertThat(lookUp("mallory")).isEqualTo(LookupResult.notFound());
        assertThat(lookUp("alic")).as("a prefix of a key").isEqualTo(LookupResult.notFound());
        assertThat(lookUp("alicex")).as("a key plus a suffix").isEqualTo(LookupResult.notFound());
    }

    @Test
    void utf8KeysMatchOnlyThemselves() throws Exception {
        assertThat(lookUp("jürgen")).isEqualTo(LookupResult.found("imap4.example.org"));
        assertThat(lookUp("jurgen")).isEqualTo(LookupResult.notFound());
        assertNeverFound("j\u00c3\u00bcrgen");   // its UTF-8 bytes read as ISO-8859-1
    }

    @Test
    void injectionKeysNeverFindAnEntry() {
        for (String key : INJECTION_KEYS) {
            assertNeverFound(key);
        }
    }

    @Test
    void theEmptyKeyIsNotFound() {
        assertNeverFound("");
    }

    @Test
    void concurrentLookupsEachGetTheirOwnValue() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Map.Entry<String, String> entry = new ArrayList<>(ENTRIES.entrySet()).get(i % ENTRIES.size());
                calls.add(() -> LookupResult.found(entry.getValue()).equals(lookUp(entry.getKey())));
            }
            for (Future<Boolean> result : pool.invokeAll(calls)) {
                assertThat(result.get()).as("a concurrent lookup got the wrong answer").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDownBackendIsAnAccessErrorAndTheLookupRecovers() throws Exception {
        stopBackend();
        try {
            assertAccessErrorWithinBound("alice");
        } finally {
            startBackend();
        }
        // Issue 5: "recover once it is back". The first lookup after the restart must succeed: a
        // pool that hands out a connection the restart killed has to retry it on a fresh one, or
        // one real user's login fails after every back-end restart.
        assertThat(lookUp("alice")).isEqualTo(LookupResult.found("imap1.example.org"));
        assertThat(lookUp("bob")).isEqualTo(LookupResult.found("imap2.example.org:143"));
    }

    @Test
    void aSlowBackendIsAnAccessErrorWithinTheBound() throws Exception {
        makeBackendSlow();
        try {
            assertAccessErrorWithinBound("bob");
        } finally {
            makeBackendFast();
        }
    }

    @Test
    void reloadSeesChangedEntries() throws Exception {
        changeEntries(CHANGED_ENTRIES);
        lookup.reload();
        for (Map.Entry<String, String> entry : CHANGED_ENTRIES.entrySet()) {
            assertThat(lookUp(entry.getKey())).as("key %s", entry.getKey())
                    .isEqualTo(LookupResult.found(entry.getValue()));
        }
        assertThat(lookUp("bob")).as("a removed key").isEqualTo(LookupResult.notFound());
    }

    /** Looks {@code key} up in the lookup under test. */
    protected final LookupResult lookUp(String key) throws LookupException {
        return lookup.lookup(LookupRequest.of(key));
    }

    private void assertNeverFound(String key) {
        Throwable thrown = catchThrowable(() -> assertThat(lookUp(key)).as("key '%s'", key)
                .isEqualTo(LookupResult.notFound()));
        if (thrown instanceof AssertionError failure) {
            throw failure;
        }
        // a plugin may refuse a key it cannot express safely, but only with a LookupException
        if (thrown != null) {
            assertThat(thrown).as("key '%s'", key).isInstanceOf(LookupException.class);
        }
    }

    private void assertAccessErrorWithinBound(String key) {
        Throwable thrown = catchThrowable(() -> assertTimeoutPreemptively(failureBound(), () -> lookUp(key)));
        assertThat(thrown).as("lookup of %s with the back end unavailable", key)
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS));
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
