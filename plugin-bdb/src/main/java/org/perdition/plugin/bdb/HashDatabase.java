package org.perdition.plugin.bdb;

import java.util.function.BiConsumer;

/**
 * A DB_HASH database (hash versions 8 to 10; makebdb on Debian 12 writes version 9).
 *
 * <p>Layout (db_page.h HMETA33, hash.h): page 0 is the meta page with max_bucket, high_mask,
 * low_mask, h_charkey and spares[32]; bucket B starts at page {@code B + spares[log2(B + 1)]}
 * (BUCKET_TO_PAGE) and continues through next_pgno. A hash page's items alternate key, data;
 * item i runs from inp[i] to inp[i-1] (the page end for i = 0), its first byte is the type:
 * H_KEYDATA (bytes follow), H_OFFPAGE (pgno and total length of an overflow chain),
 * H_DUPLICATE (on-page duplicates; we return the first) or H_OFFDUP (not read).
 */
public final class HashDatabase implements BdbDatabase {

    static final int P_HASH_UNSORTED = 2;   // hash versions before 9
    static final int P_HASHMETA = 8;
    static final int P_HASH = 13;

    static final int H_KEYDATA = 1;
    static final int H_DUPLICATE = 2;
    static final int H_OFFPAGE = 3;
    static final int H_OFFDUP = 4;

    static final int NCACHED = 32;
    static final int OFF_MAX_BUCKET = 72;
    static final int OFF_SPARES = 96;

    private final PageFile file;
    private final long maxBucket;
    private final long highMask;
    private final long lowMask;
    private final long[] spares = new long[NCACHED];

    private HashDatabase(PageFile file) throws BdbFormatException {
        this.file = file;
        this.maxBucket = file.u32(OFF_MAX_BUCKET);
        this.highMask = file.u32(OFF_MAX_BUCKET + 4);
        this.lowMask = file.u32(OFF_MAX_BUCKET + 8);
        for (int i = 0; i < NCACHED; i++) {
            spares[i] = file.u32(OFF_SPARES + 4 * i);
        }
    }

    static HashDatabase read(PageFile file) throws BdbFormatException {
        long version = file.u32(16);
        if (version < 8 || version > 10) {
            throw new BdbFormatException("unsupported hash version " + version + " (8 to 10 are read)");
        }
        MetaChecks.common(file, P_HASHMETA);
        long charkey = file.u32(92);
        if (charkey != Integer.toUnsignedLong(HashFunction.fnv1(HashFunction.CHARKEY))) {
            throw new BdbFormatException("the database uses a hash function other than libdb's default (FNV-1)");
        }
        if ((file.u32(48) & 0x02) != 0) {
            throw new BdbFormatException("the file holds sub-databases (DB_HASH_SUBDB), not read");
        }
        HashDatabase db = new HashDatabase(file);
        if (db.maxBucket >= file.pageCount()) {
            throw new BdbFormatException("max_bucket " + db.maxBucket + " exceeds the page count");
        }
        return db;
    }

    /** The number of buckets (max_bucket + 1). */
    public long bucketCount() {
        return maxBucket + 1;
    }

    @Override
    public byte[] get(byte[] key) throws BdbFormatException {
        long bucket = HashFunction.bucket(HashFunction.fnv1(key), highMask, lowMask, maxBucket);
        long pgno = bucketPage(bucket);
        long visited = 0;
        while (pgno != 0) {
            checkHashPage(pgno, ++visited);
            int entries = file.entries(pgno);
            for (int i = 0; i + 1 < entries; i += 2) {
                if (keyMatches(pgno, i, key)) {
                    return data(pgno, i + 1);
                }
            }
            pgno = file.next(pgno);
        }
        return null;
    }

    @Override
    public void forEach(BiConsumer<byte[], byte[]> action) throws BdbFormatException {
        for (long bucket = 0; bucket <= maxBucket; bucket++) {
            long pgno = bucketPage(bucket);
            long visited = 0;
            while (pgno != 0) {
                checkHashPage(pgno, ++visited);
                int entries = file.entries(pgno);
                for (int i = 0; i + 1 < entries; i += 2) {
                    action.accept(item(pgno, i), data(pgno, i + 1));
                }
                pgno = file.next(pgno);
            }
        }
    }

    private long bucketPage(long bucket) throws BdbFormatException {
        int log = HashFunction.log2(bucket + 1);
        if (log >= NCACHED) {
            throw new BdbFormatException("bucket " + bucket + " is out of range");
        }
        long pgno = bucket + spares[log];
        if (pgno == 0 || pgno >= file.pageCount()) {
            throw new BdbFormatException("bucket " + bucket + " maps to page " + pgno + ", outside the file");
        }
        return pgno;
    }

    private void checkHashPage(long pgno, long visited) throws BdbFormatException {
        if (visited > file.pageCount()) {
            throw new BdbFormatException("bucket chain through page " + pgno + " loops");
        }
        int type = file.type(pgno);
        if (type != P_HASH && type != P_HASH_UNSORTED) {
            throw new BdbFormatException("page " + pgno + " is not a hash page (type " + type + ")");
        }
    }

    /** Item bounds: inp[i] up to inp[i-1], or the page end for i = 0 (LEN_HITEM). */
    private int itemEnd(long pgno, int index) throws BdbFormatException {
        return index == 0 ? file.pageSize() : file.itemOffset(pgno, index - 1);
    }

    private boolean keyMatches(long pgno, int index, byte[] key) throws BdbFormatException {
        int offset = file.itemOffset(pgno, index);
        int end = itemEnd(pgno, index);
        int base = file.pageOffset(pgno);
        int type = file.u8(base + offset);
        if (type == H_KEYDATA) {
            return end - offset - 1 == key.length && file.equalsAt(base + offset + 1, key);
        }
        if (type == H_OFFPAGE) {
            return file.u32(base + offset + 8) == key.length
                    && java.util.Arrays.equals(item(pgno, index), key);
        }
        throw new BdbFormatException("page " + pgno + ": key item " + index + " has bad type " + type);
    }

    private byte[] data(long pgno, int index) throws BdbFormatException {
        int offset = file.itemOffset(pgno, index);
        int base = file.pageOffset(pgno);
        int type = file.u8(base + offset);
        if (type == H_DUPLICATE) {
            // on-page duplicate set: [len][bytes][len] ...; perdition's DB->get returns the first
            int length = file.u16(base + offset + 1);
            if (offset + 3 + length > itemEnd(pgno, index)) {
                throw new BdbFormatException("page " + pgno + ": bad duplicate length " + length);
            }
            return file.bytes(base + offset + 3, length);
        }
        if (type == H_OFFDUP) {
            throw new BdbFormatException("page " + pgno + ": off-page duplicates are not read");
        }
        return item(pgno, index);
    }

    private byte[] item(long pgno, int index) throws BdbFormatException {
        int offset = file.itemOffset(pgno, index);
        int end = itemEnd(pgno, index);
        if (end <= offset) {
            throw new BdbFormatException("page " + pgno + ": item " + index + " has a bad length");
        }
        int base = file.pageOffset(pgno);
        int type = file.u8(base + offset);
        if (type == H_KEYDATA) {
            return file.bytes(base + offset + 1, end - offset - 1);
        }
        if (type == H_OFFPAGE) {
            if (end - offset < 12) {
                throw new BdbFormatException("page " + pgno + ": short off-page item " + index);
            }
            return OverflowChain.read(file, file.u32(base + offset + 4), file.u32(base + offset + 8));
        }
        throw new BdbFormatException("page " + pgno + ": item " + index + " has unsupported type " + type);
    }
}
