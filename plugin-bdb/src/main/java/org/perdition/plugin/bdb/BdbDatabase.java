package org.perdition.plugin.bdb;

import java.util.function.BiConsumer;

/**
 * A read-only Berkeley DB database held in memory: {@link HashDatabase} (DB_HASH, what makebdb and
 * Debian's perdition use, spec §5.2) or {@link BtreeDatabase} (DB_BTREE, read as a convenience).
 */
public sealed interface BdbDatabase permits HashDatabase, BtreeDatabase {

    int HASH_MAGIC = 0x061561;
    int BTREE_MAGIC = 0x053162;

    /** The value stored under {@code key}, or null when there is none. */
    byte[] get(byte[] key) throws BdbFormatException;

    /** Every key/value pair, in file order (diagnostics and tests). */
    void forEach(BiConsumer<byte[], byte[]> action) throws BdbFormatException;

    /**
     * Recognises the file by the magic number in its meta page (offset 12), in either byte order:
     * libdb writes in the creating host's order ({@code db_lorder}) and swaps on read when needed.
     */
    static BdbDatabase open(byte[] bytes) throws BdbFormatException {
        if (bytes.length < 512) {
            throw new BdbFormatException("too short for a Berkeley DB file (" + bytes.length + " bytes)");
        }
        long little = littleEndian32(bytes, 12);
        long big = Integer.toUnsignedLong(Integer.reverseBytes((int) little));
        boolean bigEndian;
        long magic;
        if (little == HASH_MAGIC || little == BTREE_MAGIC) {
            bigEndian = false;
            magic = little;
        } else if (big == HASH_MAGIC || big == BTREE_MAGIC) {
            bigEndian = true;
            magic = big;
        } else {
            throw new BdbFormatException("not a Berkeley DB hash or btree file (magic 0x"
                    + Long.toHexString(little) + ")");
        }
        int pageSize = (int) Math.min(Integer.MAX_VALUE, bigEndian
                ? Integer.toUnsignedLong(Integer.reverseBytes((int) littleEndian32(bytes, 20)))
                : littleEndian32(bytes, 20));
        PageFile file = new PageFile(bytes, bigEndian, pageSize);
        if (file.pageCount() < 1) {
            throw new BdbFormatException("file is shorter than one page of " + pageSize + " bytes");
        }
        return magic == HASH_MAGIC ? HashDatabase.read(file) : BtreeDatabase.read(file);
    }

    private static long littleEndian32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xffL) | (bytes[offset + 1] & 0xffL) << 8
                | (bytes[offset + 2] & 0xffL) << 16 | (bytes[offset + 3] & 0xffL) << 24;
    }
}
