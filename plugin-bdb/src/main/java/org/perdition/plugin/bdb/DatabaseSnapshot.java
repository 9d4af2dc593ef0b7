package org.perdition.plugin.bdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * One version of the database file, read whole into memory, with the identity it had then.
 * Immutable: a lookup uses one snapshot from start to end, so a file replaced by rename while
 * we read it is seen old or new, never mixed.
 */
final class DatabaseSnapshot {

    /** Far above any popmap (200,000 entries take about 20 MB); a bigger file is refused, not read. */
    static final long MAX_FILE_SIZE = 1L << 30;

    /** File identity: fileKey (device + inode on Unix), size and modification time. */
    record Identity(Object fileKey, long size, FileTime modified) {
        static Identity of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Identity(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
        }

        boolean sameAs(Identity other) {
            return other != null && Objects.equals(fileKey, other.fileKey) && size == other.size
                    && modified.equals(other.modified);
        }
    }

    private final Identity identity;
    private final BdbDatabase database;

    private DatabaseSnapshot(Identity identity, BdbDatabase database) {
        this.identity = identity;
        this.database = database;
    }

    Identity identity() {
        return identity;
    }

    BdbDatabase database() {
        return database;
    }

    /**
     * Reads the file. The identity is taken before and after reading; if it changed meanwhile
     * (a writer was replacing it), read again, so the snapshot's identity matches its bytes.
     */
    static DatabaseSnapshot load(Path file) throws IOException, BdbFormatException {
        for (int attempt = 0; ; attempt++) {
            Identity before = Identity.of(file);
            if (before.size() > MAX_FILE_SIZE) {
                throw new BdbFormatException("file is larger than " + MAX_FILE_SIZE + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            Identity after = Identity.of(file);
            if ((before.sameAs(after) && bytes.length == after.size()) || attempt >= 4) {
                return new DatabaseSnapshot(after, BdbDatabase.open(bytes));
            }
        }
    }
}
