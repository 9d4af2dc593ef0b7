package org.perdition.plugin.testkit;

import java.util.Map;
import org.perdition.plugin.api.PopmapLookup;

/** The contract against its reference implementation, every optional hook included. */
class InMemoryLookupContractTest extends PopmapLookupContract {

    private InMemoryLookup lookup;

    @Override
    protected PopmapLookup lookupWith(Map<String, String> entries) {
        lookup = new InMemoryLookup(entries, false);
        return lookup;
    }

    @Override
    protected void changeEntries(Map<String, String> entries) {
        lookup.replaceStore(entries);
    }

    @Override
    protected void stopBackend() {
        lookup.setDown(true);
    }

    @Override
    protected void startBackend() {
        lookup.setDown(false);
    }

    @Override
    protected void makeBackendSlow() {
        lookup.setSlow(true);
    }

    @Override
    protected void makeBackendFast() {
        lookup.setSlow(false);
    }
}
