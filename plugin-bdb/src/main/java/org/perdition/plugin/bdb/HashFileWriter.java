package org.perdition.plugin.bdb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a DB_HASH file (hash version 9, as libdb 5.3 writes it) from key/value pairs.
 *
 * <p>Layout we choose, all of it legal for libdb: page 0 meta, pages 1..N the N = 2^k bucket
 * pages (so spares[0..k] = 1 and bucket B is page B + 1), then for each bucket in order its
 * extra P_HASH pages (when one page is not enough) and the P_OVERFLOW chains of its big items.
 * Items longer than a quarter page go off-page (hash.h ISBIG), as libdb does.
 *
 * <p>Version 9 keeps each P_HASH page sorted, in the order of __ham_getindex_sorted (hash_page.c):
 * unsigned bytes, and when one key is a prefix of the other the LONGER key first (libdb's
 * tie-break is the reverse of memcmp order; db_verify checks it, see {@link #PAGE_ORDER}).
 * libdb compares off-page keys with the usual shorter-first rule instead, so a pair whose key
 * is off-page gets a page of its own: no page then mixes the two orders. Nothing is logged:
 * every LSN is {0, 1}, libdb's "not logged" LSN.
 */
public final class HashFileWriter {

    /** One pair; keys must be unique (the caller drops duplicates). */
    public record Entry(byte[] key, byte[] value) {
    }

    private static final int LOAD_PERCENT = 75;

    /** The key order on a sorted hash page (see the class comment). */
    static final Comparator<byte[]> PAGE_ORDER = (a, b) -> {
        int common = Math.min(a.length, b.length);
        int bytes = Arrays.compareUnsigned(a, 0, common, b, 0, common);
        return bytes != 0 ? bytes : Integer.compare(b.length, a.length);
    };

    private final int pageSize;
    private final ByteOrder order;

    public HashFileWriter(int pageSize, ByteOrder order) {
        if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two from 512 to 65536");
        }
        this.pageSize = pageSize;
        this.order = order;
    }

    public HashFileWriter() {
        this(4096, ByteOrder.LITTLE_ENDIAN);
    }

    /** The whole file. */
    public byte[] write(List<Entry> entries) {
        int buckets = bucketCount(entries);
        List<List<Entry>> byBucket = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            byBucket.add(new ArrayList<>());
        }
        for (Entry entry : entries) {
            int hash = HashFunction.fnv1(entry.key());
            byBucket.get((int) HashFunction.bucket(hash, buckets - 1, (buckets >> 1) - 1, buckets - 1)).add(entry);
        }
        List<ByteBuffer> pages = new ArrayList<>();
        pages.add(null);                       // meta, filled last
        for (int i = 0; i < buckets; i++) {
            pages.add(null);                   // bucket pages 1..N
        }
        for (int bucket = 0; bucket < buckets; bucket++) {
            List<Entry> pairs = byBucket.get(bucket);
            pairs.sort((a, b) -> PAGE_ORDER.compare(a.key(), b.key()));
            new BucketPages(pages, 1 + bucket).fill(pairs);
        }
        pages.set(0, meta(buckets, entries.size(), pages.size() - 1));
        byte[] file = new byte[pages.size() * pageSize];
        for (int i = 0; i < pages.size(); i++) {
            System.arraycopy(pages.get(i).array(), 0, file, i * pageSize, pageSize);
        }
        return file;
    }

    private int bucketCount(List<Entry> entries) {
        long bytes = 0;
        for (Entry entry : entries) {
            bytes += onPageSize(entry.key().length) + onPageSize(entry.value().length) + 4;
        }
        long usable = (long) (pageSize - PageFile.PAGE_HEADER) * LOAD_PERCENT / 100;
        long wanted = Math.max(2, (bytes + usable - 1) / usable);
        int buckets = 2;
        while (buckets < wanted && buckets < (1 << 30)) {
            buckets <<= 1;
        }
        return buckets;
    }

    private boolean isBig(int length) {
        return length > pageSize / 4;
    }

    private int onPageSize(int length) {
        return isBig(length) ? 12 : 1 + length;   // HOFFPAGE_PSIZE or HKEYDATA_PSIZE
    }

    private ByteBuffer newPage(int pgno, int type) {
        ByteBuffer page = ByteBuffer.allocate(pageSize).order(order);
        page.putInt(0, 0).putInt(4, 1);          // LSN {0, 1}: not logged
        page.putInt(PageFile.OFF_PGNO, pgno);
        page.put(PageFile.OFF_TYPE, (byte) type);
        return page;
    }

    /** Fills one bucket's chain of P_HASH pages, appending extra pages and overflow chains. */
    private final class BucketPages {
        private final List<ByteBuffer> pages;
        private int pgno;
        private ByteBuffer page;
        private int entries;
        private int low;                          // HOFFSET: the lowest item byte used
        private boolean lastKeyBig;

        BucketPages(List<ByteBuffer> pages, int bucketPage) {
            this.pages = pages;
            this.pgno = bucketPage;
            startPage(null);
        }

        private void startPage(ByteBuffer previous) {
            page = newPage(pgno, HashDatabase.P_HASH);
            if (previous != null) {
                page.putInt(PageFile.OFF_PREV, previous.getInt(PageFile.OFF_PGNO));
            }
            entries = 0;
            low = pageSize;
            pages.set(pgno, page);
            finishHeader();
        }

        void fill(List<Entry> pairs) {
            for (Entry pair : pairs) {
                int need = onPageSize(pair.key().length) + onPageSize(pair.value().length) + 4;
                boolean ownPage = isBig(pair.key().length) || lastKeyBig;
                if (PageFile.PAGE_HEADER + 2 * entries + need > low || (ownPage && entries > 0)) {
                    ByteBuffer previous = page;
                    pgno = pages.size();
                    pages.add(null);
                    previous.putInt(PageFile.OFF_NEXT, pgno);
                    startPage(previous);
                }
                putItem(pair.key());
                putItem(pair.value());
                lastKeyBig = isBig(pair.key().length);
            }
        }

        private void putItem(byte[] bytes) {
            int size = onPageSize(bytes.length);
            low -= size;
            if (isBig(bytes.length)) {
                page.put(low, (byte) HashDatabase.H_OFFPAGE);
                page.putInt(low + 4, overflowChain(bytes));
                page.putInt(low + 8, bytes.length);
            } else {
                page.put(low, (byte) HashDatabase.H_KEYDATA);
                page.put(low + 1, bytes);
            }
            page.putShort(PageFile.PAGE_HEADER + 2 * entries, (short) low);
            entries++;
            finishHeader();
        }

        private void finishHeader() {
            page.putShort(PageFile.OFF_ENTRIES, (short) entries);
            page.putShort(PageFile.OFF_HF_OFFSET, (short) low);   // pageSize 65536 wraps to 0, as in libdb
        }

        /** Appends P_OVERFLOW pages holding {@code bytes}; returns the first page number. */
        private int overflowChain(byte[] bytes) {
            int perPage = pageSize - PageFile.PAGE_HEADER;
            int first = pages.size();
            for (int done = 0; done < bytes.length; done += perPage) {
                int number = pages.size();
                int length = Math.min(perPage, bytes.length - done);
                ByteBuffer overflow = newPage(number, OverflowChain.P_OVERFLOW);
                overflow.putShort(PageFile.OFF_ENTRIES, (short) 1);     // OV_REF: one reference
                overflow.putShort(PageFile.OFF_HF_OFFSET, (short) length); // OV_LEN
                overflow.putInt(PageFile.OFF_PREV, done == 0 ? 0 : number - 1);
                overflow.putInt(PageFile.OFF_NEXT, done + length < bytes.length ? number + 1 : 0);
                overflow.put(PageFile.PAGE_HEADER, bytes, done, length);
                pages.add(overflow);
            }
            return first;
        }
    }

    /** HMETA33 (db_page.h), offsets as in {@link HashDatabase}. */
    private ByteBuffer meta(int buckets, int count, int lastPage) {
        ByteBuffer meta = newPage(0, HashDatabase.P_HASHMETA);
        meta.putInt(12, BdbDatabase.HASH_MAGIC);
        meta.putInt(16, 9);                          // hash version 9 (libdb 4.6 to 5.3)
        meta.putInt(20, pageSize);
        meta.putInt(32, lastPage);                   // last_pgno; free list (offset 28) empty
        byte[] uid = new byte[20];                   // file id: libdb uses it to tell files apart in a cache
        new SecureRandom().nextBytes(uid);
        meta.put(52, uid);
        meta.putInt(HashDatabase.OFF_MAX_BUCKET, buckets - 1);
        meta.putInt(HashDatabase.OFF_MAX_BUCKET + 4, buckets - 1);          // high_mask
        meta.putInt(HashDatabase.OFF_MAX_BUCKET + 8, (buckets >> 1) - 1);   // low_mask
        meta.putInt(88, count);                                             // nelem
        meta.putInt(92, HashFunction.fnv1(HashFunction.CHARKEY));           // h_charkey
        for (int i = 0; i <= HashFunction.log2(buckets); i++) {
            meta.putInt(HashDatabase.OFF_SPARES + 4 * i, 1);                // bucket B is page B + 1
        }
        return meta;
    }
}
