package org.perdition.plugin.gdbm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.api.PopmapLookup;
import org.pf4j.Extension;

/**
 * perdition's gdbm map (perditiondb_gdbm, spec §5.1), the default map library: the value stored
 * under the user name in a GNU dbm file made by makegdbm.
 *
 * <p>Keys are the lookup key's UTF-8 bytes without a trailing NUL, as perdition's
 * {@code strlen} key. Values are decoded as UTF-8 (popmap values are host names). Older makegdbm
 * builds stored a NUL after keys and values: a key that is absent is tried once more with a NUL,
 * and one trailing NUL is removed from values.
 *
 * <p>Init never fails: like perdition, which opens the file per lookup, a missing, unreadable or
 * corrupt file makes each lookup fail with an ACCESS error naming the file and the reason. The
 * file is re-read when it changes ({@link GdbmSnapshots}).
 */
@Extension
public class GdbmLookup implements PopmapLookup {

    public static final String DEFAULT_FILE = "/etc/perdition/popmap.gdbm.db";

    private volatile GdbmSnapshots database = new GdbmSnapshots(Path.of(DEFAULT_FILE));

    /** {@code -m} is the database path; empty means {@value #DEFAULT_FILE}. */
    @Override
    public void init(PluginContext context) {
        database = new GdbmSnapshots(Path.of(context.options().filter(option -> !option.isEmpty()).orElse(DEFAULT_FILE)));
    }

    @Override
    public void reload() {
        database.invalidate();
    }

    @Override
    public LookupResult lookup(LookupRequest request) throws LookupException {
        GdbmSnapshots snapshots = database;
        GdbmFile file = snapshots.current();
        byte[] key = request.key().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] value = file.fetch(key);
            if (value == null) {
                byte[] withNul = Arrays.copyOf(key, key.length + 1);
                value = file.fetch(withNul);
            }
            if (value == null) {
                return LookupResult.notFound();
            }
            int length = value.length > 0 && value[value.length - 1] == 0 ? value.length - 1 : value.length;
            return LookupResult.found(new String(value, 0, length, StandardCharsets.UTF_8));
        } catch (GdbmFormatException e) {
            throw new LookupException(LookupException.Kind.ACCESS,
                    "gdbm: cannot read " + snapshots.path() + ": corrupt GDBM file: " + e.getMessage(), e);
        }
    }

    /** The database path in use. */
    public Path file() {
        return database.path();
    }
}
