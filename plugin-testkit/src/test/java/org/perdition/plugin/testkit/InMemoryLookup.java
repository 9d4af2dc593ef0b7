package org.perdition.plugin.testkit;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.api.PopmapLookup;

/**
 * A correct popmap over a map held in memory, with a switchable "server": the reference
 * implementation the contract's own tests run against. {@code leakWildcard} breaks it on purpose.
 */
class InMemoryLookup implements PopmapLookup {

    /** How long a lookup waits for a slow "server" before giving up, as a network plugin's timeout. */
    private static final long TIMEOUT_MILLIS = 200;

    private volatile Map<String, String> store;
    private volatile Map<String, String> loaded;
    private volatile boolean down;
    private volatile CountDownLatch slow;
    private final boolean leakWildcard;

    InMemoryLookup(Map<String, String> store, boolean leakWildcard) {
        this.store = Map.copyOf(store);
        this.loaded = this.store;
        this.leakWildcard = leakWildcard;
    }

    @Override
    public void init(PluginContext context) {
    }

    @Override
    public void reload() {
        loaded = store;
    }

    @Override
    public LookupResult lookup(LookupRequest request) throws LookupException {
        if (down) {
            throw new LookupException(LookupException.Kind.ACCESS, "memory: server down");
        }
        CountDownLatch gate = slow;
        try {
            if (gate != null && !gate.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new LookupException(LookupException.Kind.ACCESS, "memory: server timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupException(LookupException.Kind.OTHER, "memory: interrupted", e);
        }
        if (leakWildcard && request.key().contains("*")) {
            return LookupResult.found(loaded.values().iterator().next());   // the LDAP filter bug
        }
        String value = loaded.get(request.key());
        return value == null ? LookupResult.notFound() : LookupResult.found(value);
    }

    void replaceStore(Map<String, String> entries) {
        store = Map.copyOf(entries);
    }

    void setDown(boolean down) {
        this.down = down;
    }

    void setSlow(boolean isSlow) {
        CountDownLatch gate = slow;
        if (isSlow) {
            slow = new CountDownLatch(1);
        } else if (gate != null) {
            slow = null;
            gate.countDown();
        }
    }
}
