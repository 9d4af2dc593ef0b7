package org.perdition.plugin.gdbm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.perdition.plugin.api.LookupException;

/**
 * The current in-memory copy of one GDBM file, re-read when the file changes.
 *
 * <p>perdition opens the database for every lookup (spec §5.1), so a rebuilt map takes effect at
 * once. We stat the file per lookup instead and re-read it only when its identity (inode, size,
 * mtime) changed. The whole file is read through one open file descriptor into an immutable
 * {@link GdbmFile}, and a lookup uses one snapshot from start to end, so a lookup during a
 * rename-replacement sees the old file or the new one, never a mix.
 *
 * <p>The stat happens before the read: if the file changes in between, the snapshot holds newer
 * bytes than its identity says and the next lookup merely reads it once more. A file that cannot
 * be read or parsed is remembered as a failure with its identity, so a corrupt map costs one stat
 * per lookup, not one read.
 */
final class GdbmSnapshots {

    /** Larger files are refused: the reader holds the whole file in memory. */
    static final long MAX_FILE_SIZE = 1L << 30;

    private record Snapshot(FileIdentity identity, GdbmFile file, String failure) {
    }

    private final Path path;
    private volatile Snapshot current;

    GdbmSnapshots(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** The database as it is on disk now. */
    GdbmFile current() throws LookupException {
        FileIdentity identity;
        try {
            identity = FileIdentity.of(path);
        } catch (IOException e) {
            current = null;   // perdition: open failure -> -1; drop the copy of a removed file
            throw accessError(reason(e));
        }
        Snapshot snapshot = current;
        if (snapshot == null || !snapshot.identity().equals(identity)) {
            snapshot = reload(identity);
        }
        if (snapshot.file() == null) {
            throw accessError(snapshot.failure());
        }
        return snapshot.file();
    }

    /** Forgets the copy, so the next lookup reads the file again (SIGHUP). */
    void invalidate() {
        current = null;
    }

    private synchronized Snapshot reload(FileIdentity identity) {
        Snapshot snapshot = current;
        if (snapshot != null && snapshot.identity().equals(identity)) {
            return snapshot;   // another lookup read it while we waited
        }
        snapshot = read(identity);
        current = snapshot;
        return snapshot;
    }

    private Snapshot read(FileIdentity identity) {
        if (identity.size() > MAX_FILE_SIZE) {
            return new Snapshot(identity, null, "file too large (" + identity.size() + " bytes)");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_SIZE + 1);
            if (bytes.length > MAX_FILE_SIZE) {
                return new Snapshot(identity, null, "file too large");
            }
            return new Snapshot(identity, GdbmFile.of(bytes), null);
        } catch (IOException e) {
            return new Snapshot(identity, null, reason(e));
        } catch (GdbmFormatException e) {
            return new Snapshot(identity, null, "not a readable GDBM file: " + e.getMessage());
        }
    }

    private LookupException accessError(String reason) {
        return new LookupException(LookupException.Kind.ACCESS, "gdbm: cannot read " + path + ": " + reason);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
