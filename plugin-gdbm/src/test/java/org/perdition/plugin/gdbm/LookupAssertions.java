package org.perdition.plugin.gdbm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;

/** Reads maps back through the plugin, as the host does. */
final class LookupAssertions {

    private LookupAssertions() {
    }

    static GdbmLookup open(Path db) {
        GdbmLookup lookup = new GdbmLookup();
        lookup.init(new PluginContext(Optional.of(db.toString()), "@", "POP3"));
        return lookup;
    }

    /** Every entry is found with its value, and keys that are not in the map are not. */
    static void assertReadsBack(Path db, Map<String, String> entries) throws LookupException {
        GdbmLookup lookup = open(db);
        int checked = 0;
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            LookupResult result = lookup.lookup(LookupRequest.of(entry.getKey()));
            if (!(result instanceof LookupResult.Found found) || !found.value().equals(entry.getValue())) {
                assertThat(result).as("lookup of %s", entry.getKey()).isEqualTo(LookupResult.found(entry.getValue()));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size());
        for (String absent : new String[] {"nobody", "user", "", "jürgen", "user1@example.co"}) {
            if (!entries.containsKey(absent)) {
                assertThat(lookup.lookup(LookupRequest.of(absent))).as("lookup of %s", absent)
                        .isInstanceOf(LookupResult.NotFound.class);
            }
        }
    }
}
