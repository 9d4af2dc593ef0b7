package org.perdition.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.perdition.plugin.api.PopmapLookup;

/**
 * The contract must be able to fail: it is run here against broken lookups (nested classes, which
 * surefire does not run by itself) and must report exactly the broken behaviour.
 */
class ContractFailsBrokenLookupsTest {

    /** Finds alice's value for any key with '*' in it, as an unescaped LDAP filter does. */
    static class WildcardLeak extends PopmapLookupContract {
        @Override
        protected PopmapLookup lookupWith(Map<String, String> entries) {
            return new InMemoryLookup(entries, true);
        }
    }

    /** Ignores reload(): keeps serving the data it was built with. */
    static class NoReload extends PopmapLookupContract {
        @Override
        protected PopmapLookup lookupWith(Map<String, String> entries) {
            return new InMemoryLookup(entries, false) {
                @Override
                public void reload() {
                }
            };
        }

        @Override
        protected void changeEntries(Map<String, String> entries) {
        }
    }

    @Test
    void aWildcardLeakFailsOnlyTheInjectionTest() {
        TestExecutionSummary summary = run(WildcardLeak.class);
        assertThat(failedTests(summary)).containsExactly("injectionKeysNeverFindAnEntry()");
        assertThat(summary.getTestsSucceededCount()).isPositive();
        assertThat(summary.getTestsAbortedCount()).as("down, slow and reload hooks left out").isEqualTo(3);
    }

    @Test
    void aLookupThatIgnoresReloadFailsTheReloadTest() {
        assertThat(failedTests(run(NoReload.class))).containsExactly("reloadSeesChangedEntries()");
    }

    private static TestExecutionSummary run(Class<?> contractImplementation) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(contractImplementation)).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    private static Set<String> failedTests(TestExecutionSummary summary) {
        return summary.getFailures().stream()
                .map(failure -> failure.getTestIdentifier().getDisplayName())
                .collect(Collectors.toSet());
    }
}
