package org.perdition.plugin.bdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.api.PopmapLookup;
import org.pf4j.Extension;

/**
 * perdition's bdb map (perditiondb_bdb, spec §5.2): a Berkeley DB hash file as {@code makebdb}
 * writes it, read in pure Java by {@link HashDatabase} (btree files are read too).
 *
 * <p>perdition opens the file for every lookup, so a missing or unreadable file is an access
 * error (-1) at lookup, never at start-up, and a rebuilt file takes effect at once. We keep the
 * whole file in memory instead and re-read it when its identity (inode, size, mtime) changes;
 * each lookup uses one immutable {@link DatabaseSnapshot}.
 *
 * <p>Keys are the lookup string's UTF-8 bytes without a NUL (perdition uses strlen). Values are
 * decoded as UTF-8 (they are host names). A stored trailing NUL is tolerated: if the plain key is
 * absent the key with one NUL is tried, and one trailing NUL is stripped from a value (files from
 * tools that stored C strings with their terminator).
 */
@Extension
public class BdbLookup implements PopmapLookup {

    public static final String DEFAULT_FILE = "/etc/perdition/popmap.bdb.db";

    private volatile Path file = Path.of(DEFAULT_FILE);
    private volatile DatabaseSnapshot snapshot;
    private final Object loadLock = new Object();

    /** {@code -m} is the file path; empty means {@value #DEFAULT_FILE}. The file is not opened here. */
    @Override
    public void init(PluginContext context) {
        file = Path.of(context.options().filter(option -> !option.isEmpty()).orElse(DEFAULT_FILE));
        snapshot = null;
    }

    @Override
    public void reload() {
        snapshot = null;   // SIGHUP: the next lookup reads the file again
    }

    @Override
    public void close() {
        snapshot = null;
    }

    @Override
    public LookupResult lookup(LookupRequest request) throws LookupException {
        BdbDatabase database = current().database();
        byte[] key = request.key().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] value = database.get(key);
            if (value == null) {
                byte[] withNul = java.util.Arrays.copyOf(key, key.length + 1);
                value = database.get(withNul);
            }
            if (value == null) {
                return LookupResult.notFound();
            }
            int length = value.length > 0 && value[value.length - 1] == 0 ? value.length - 1 : value.length;
            return LookupResult.found(new String(value, 0, length, StandardCharsets.UTF_8));
        } catch (BdbFormatException e) {
            throw new LookupException(LookupException.Kind.ACCESS, file + ": corrupt database: " + e.getMessage(), e);
        }
    }

    /** The snapshot matching the file now, re-read if the file changed. */
    private DatabaseSnapshot current() throws LookupException {
        Path path = file;
        DatabaseSnapshot.Identity now;
        try {
            now = DatabaseSnapshot.Identity.of(path);
        } catch (IOException e) {
            throw new LookupException(LookupException.Kind.ACCESS, path + ": cannot open: " + describe(e), e);
        }
        DatabaseSnapshot held = snapshot;
        if (held != null && held.identity().sameAs(now)) {
            return held;
        }
        synchronized (loadLock) {
            held = snapshot;
            if (held != null && held.identity().sameAs(now)) {
                return held;
            }
            try {
                held = DatabaseSnapshot.load(path);
            } catch (IOException e) {
                throw new LookupException(LookupException.Kind.ACCESS, path + ": cannot read: " + describe(e), e);
            } catch (BdbFormatException e) {
                throw new LookupException(LookupException.Kind.ACCESS, path + ": not a usable Berkeley DB file: "
                        + e.getMessage(), e);
            }
            snapshot = held;
            return held;
        }
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + " " + e.getMessage();
    }
}
