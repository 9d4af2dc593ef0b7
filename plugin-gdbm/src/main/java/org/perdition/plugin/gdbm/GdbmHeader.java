package org.perdition.plugin.gdbm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The parsed file header of a GDBM file (gdbm's {@code gdbm_file_header} in gdbmdefs.h) plus the
 * struct layout the file was written with.
 *
 * <p>Header: {@code int magic; int block_size; off_t dir; int dir_size; int dir_bits;
 * int bucket_size; int bucket_elems; off_t next_block; avail / numsync extension...}. Only the
 * fields a lookup needs are kept; the avail table (free space) and the numsync counter are
 * irrelevant to a reader.
 *
 * <p>Magics (gdbmconst.h): 0x13579ace original, 0x13579acd 32-bit off_t, 0x13579acf 64-bit off_t
 * ("standard", what Debian 12's makegdbm writes), 0x13579ad0 / 0x13579ad1 the numsync variants
 * (gdbm 1.21+, {@code gdbmtool FILE upgrade}). A byte-swapped magic means a file from a machine
 * of the other byte order; gdbm itself refuses those, we read them in that order.
 */
record GdbmHeader(ByteOrder order, int magic, BucketLayout layout, long dir, int dirSize, int dirBits,
                  int bucketSize, int bucketElems) {

    static final int OMAGIC = 0x13579ace;
    static final int MAGIC32 = 0x13579acd;
    static final int MAGIC64 = 0x13579acf;
    static final int NUMSYNC_MAGIC32 = 0x13579ad0;
    static final int NUMSYNC_MAGIC64 = 0x13579ad1;

    /** gdbm's GDBM_HASH_BITS: hash values have 31 bits, so the directory can use at most 31. */
    static final int HASH_BITS = 31;

    static GdbmHeader parse(byte[] file) throws GdbmFormatException {
        if (file.length < 64) {
            throw new GdbmFormatException("file too short for a GDBM header (" + file.length + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = buf.getInt(0);
        if (offsetWidthOf(magic) == 0) {
            buf.order(ByteOrder.BIG_ENDIAN);
            magic = buf.getInt(0);
            if (offsetWidthOf(magic) == 0) {
                throw new GdbmFormatException(String.format("not a GDBM file (magic 0x%08x)", buf.getInt(0)));
            }
        }
        int offsetWidth = offsetWidthOf(magic);
        if (magic == OMAGIC) {
            offsetWidth = guessOldOffsetWidth(buf);
        }
        long dir = offsetWidth == 8 ? buf.getLong(8) : buf.getInt(8) & 0xFFFFFFFFL;
        int at = 8 + offsetWidth;
        int dirSize = buf.getInt(at);
        int dirBits = buf.getInt(at + 4);
        int bucketSize = buf.getInt(at + 8);
        int bucketElems = buf.getInt(at + 12);

        if (dirBits < 0 || dirBits > HASH_BITS || (long) offsetWidth << dirBits != dirSize) {
            throw new GdbmFormatException("bad directory size " + dirSize + " for depth " + dirBits);
        }
        if (dir <= 0 || dir > (long) file.length - dirSize) {
            throw new GdbmFormatException("directory at " + dir + " (+" + dirSize + ") lies outside the file");
        }
        if (bucketSize <= 0 || bucketSize > file.length || bucketElems <= 0) {
            throw new GdbmFormatException("bad bucket size " + bucketSize + " / elements " + bucketElems);
        }
        BucketLayout layout = BucketLayout.matching(offsetWidth, bucketSize, bucketElems);
        if (layout == null) {
            throw new GdbmFormatException("bucket of " + bucketSize + " bytes cannot hold " + bucketElems
                    + " elements in any known struct layout");
        }
        return new GdbmHeader(buf.order(), magic, layout, dir, dirSize, dirBits, bucketSize, bucketElems);
    }

    /** A short description for logs and diagnostics, e.g. "standard, 64-bit, little-endian". */
    String describe() {
        String kind = switch (magic) {
            case NUMSYNC_MAGIC32, NUMSYNC_MAGIC64 -> "numsync";
            case OMAGIC -> "original";
            default -> "standard";
        };
        return kind + ", " + layout.offsetWidth() * 8 + "-bit offsets, "
                + (order == ByteOrder.LITTLE_ENDIAN ? "little" : "big") + "-endian";
    }

    private static int offsetWidthOf(int magic) {
        return switch (magic) {
            case MAGIC64, NUMSYNC_MAGIC64 -> 8;
            case MAGIC32, NUMSYNC_MAGIC32, OMAGIC -> 4;
            default -> 0;
        };
    }

    /**
     * The original magic predates the 32/64-bit split: off_t was whatever the writer's platform
     * had. The directory size is exactly {@code sizeof(off_t) << dir_bits}, which tells them apart.
     */
    private static int guessOldOffsetWidth(ByteBuffer buf) {
        int dirSize64 = buf.getInt(16);
        int dirBits64 = buf.getInt(20);
        boolean fits64 = dirBits64 >= 0 && dirBits64 <= HASH_BITS && (8L << dirBits64) == dirSize64;
        return fits64 ? 8 : 4;
    }
}
