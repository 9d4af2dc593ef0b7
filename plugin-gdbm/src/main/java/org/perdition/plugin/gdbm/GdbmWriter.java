package org.perdition.plugin.gdbm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Builds a GDBM file in gdbm 1.x's "standard" format as libgdbm 1.23 on amd64 writes it (magic
 * 0x13579acf, 64-bit little-endian, block size 4096, 166 elements per bucket), all at once from
 * a complete key set: the layout an extendible-hashing insert sequence would converge to, without
 * the inserts.
 *
 * <p>Layout: block 0 header (with an avail table holding the tail padding), the directory
 * (2^dir_bits bucket addresses, at least one block), the buckets, then the key+data records
 * packed one after another. Items are grouped by the top bits of their hash; a group larger than
 * {@link #BUCKET_LOAD} items is split on the next bit, as gdbm's bucket split does, so every
 * bucket has depth ≤ dir_bits and is referenced by 2^(dir_bits - depth) consecutive entries.
 * Inside a bucket an item sits at {@code hash % bucket_elems} or the next free slot (linear
 * probing, gdbm's findkey.c).
 */
public final class GdbmWriter {

    static final int BLOCK_SIZE = 4096;
    static final int BUCKET_ELEMS = (BLOCK_SIZE - BucketLayout.LP64.bucketStructSize())
            / BucketLayout.LP64.elementSize() + 1;   // 166, as gdbm computes it
    /** Fill buckets to 3/4 at most so that probing for an absent key stays short. */
    static final int BUCKET_LOAD = BUCKET_ELEMS * 3 / 4;
    /** gdbm's minimum: the directory fills at least one block (compute_directory_size). */
    static final int MIN_DIR_BITS = 9;
    static final int MAX_DIR_BITS = 24;

    private static final int HEADER_AVAIL = 40;   // avail_block inside the header
    private static final int HEADER_AVAIL_SIZE = (BLOCK_SIZE - 80) / 16 + 1;   // gdbm's validate_header_std

    private record Item(byte[] key, byte[] value, int hash) {
    }

    private record Bucket(int depth, int prefix, List<Item> items) {
    }

    private GdbmWriter() {
    }

    /**
     * The file's bytes for these entries; keys must be distinct.
     *
     * @throws IllegalArgumentException when keys repeat, or too many keys share one hash value
     */
    public static byte[] write(List<byte[][]> entries) {
        return write(entries, GdbmHeader.MAGIC64, BucketLayout.LP64, ByteOrder.LITTLE_ENDIAN, GdbmHash::signedChar);
    }

    /**
     * The same in another gdbm ABI or byte order, for reader tests: 32-bit offsets, i386 alignment,
     * big-endian, numsync magic, the unsigned-char hash of ARM and PowerPC builds. Only the standard amd64 form gets a free-space table that libgdbm
     * checks; the others are meant for our reader (libgdbm refuses foreign ABIs anyway).
     */
    static byte[] write(List<byte[][]> entries, int magic, BucketLayout layout, ByteOrder order,
                        ToIntFunction<byte[]> hash) {
        int elems = (BLOCK_SIZE - layout.bucketStructSize()) / layout.elementSize() + 1;
        int width = layout.offsetWidth();
        List<Item> items = new ArrayList<>(entries.size());
        for (byte[][] entry : entries) {
            items.add(new Item(entry[0], entry[1], hash.applyAsInt(entry[0])));
        }
        items.sort(Comparator.comparingInt(Item::hash));
        List<Bucket> buckets = new ArrayList<>();
        split(items, 0, 0, buckets);
        int dirBits = width == 8 ? MIN_DIR_BITS : MIN_DIR_BITS + 1;   // directory >= one block
        for (Bucket bucket : buckets) {
            dirBits = Math.max(dirBits, bucket.depth());
        }
        long dirAt = BLOCK_SIZE;
        long dirSize = (long) width << dirBits;
        long bucketsAt = dirAt + dirSize;
        long dataAt = bucketsAt + (long) buckets.size() * BLOCK_SIZE;
        long dataSize = 0;
        for (Item item : items) {
            dataSize += item.key().length + (long) item.value().length;
        }
        long end = dataAt + dataSize;
        long fileSize = (end + BLOCK_SIZE - 1) / BLOCK_SIZE * BLOCK_SIZE;
        if (fileSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("map too large for one file image (" + fileSize + " bytes)");
        }
        ByteBuffer out = ByteBuffer.allocate((int) fileSize).order(order);
        if (magic == GdbmHeader.MAGIC64 && layout == BucketLayout.LP64) {
            writeHeader(out, dirAt, dirBits, fileSize, end);
        } else {
            writeForeignHeader(out, magic, width, dirAt, dirBits, elems, fileSize);
        }

        long data = dataAt;
        for (int b = 0; b < buckets.size(); b++) {
            Bucket bucket = buckets.get(b);
            long address = bucketsAt + (long) b * BLOCK_SIZE;
            int span = 1 << (dirBits - bucket.depth());
            for (int i = 0; i < span; i++) {
                putOffset(out, (int) (dirAt + width * (((long) bucket.prefix() << (dirBits - bucket.depth())) + i)),
                        address, width);
            }
            data = writeBucket(out, layout, elems, (int) address, bucket, data);
        }
        return out.array();
    }

    private static void split(List<Item> items, int depth, int prefix, List<Bucket> buckets) {
        if (items.size() <= BUCKET_LOAD) {
            buckets.add(new Bucket(depth, prefix, items));
            return;
        }
        if (depth == MAX_DIR_BITS) {
            throw new IllegalArgumentException("too many keys with the same hash prefix");
        }
        // sorted by hash, and all share the top `depth` bits: the next bit splits the list in two
        int cut = 0;
        while (cut < items.size() && (items.get(cut).hash() >>> (GdbmHeader.HASH_BITS - depth - 1) & 1) == 0) {
            cut++;
        }
        split(items.subList(0, cut), depth + 1, prefix << 1, buckets);
        split(items.subList(cut, items.size()), depth + 1, prefix << 1 | 1, buckets);
    }

    private static void writeHeader(ByteBuffer out, long dirAt, int dirBits, long fileSize, long end) {
        out.putInt(0, GdbmHeader.MAGIC64);
        out.putInt(4, BLOCK_SIZE);
        out.putLong(8, dirAt);
        out.putInt(16, 8 << dirBits);
        out.putInt(20, dirBits);
        out.putInt(24, BLOCK_SIZE);   // bucket_size
        out.putInt(28, BUCKET_ELEMS);
        out.putLong(32, fileSize);    // next_block: the file ends there
        out.putInt(HEADER_AVAIL, HEADER_AVAIL_SIZE);
        int padding = (int) (fileSize - end);
        if (padding > 0) {
            // the unused tail of the last block is free space; record it as gdbm would
            out.putInt(HEADER_AVAIL + 4, 1);
            out.putInt(HEADER_AVAIL + 16, padding);
            out.putLong(HEADER_AVAIL + 24, end);
        }
    }

    private static void writeForeignHeader(ByteBuffer out, int magic, int width, long dirAt, int dirBits,
                                           int elems, long fileSize) {
        out.putInt(0, magic);
        out.putInt(4, BLOCK_SIZE);
        putOffset(out, 8, dirAt, width);
        out.putInt(8 + width, width << dirBits);
        out.putInt(12 + width, dirBits);
        out.putInt(16 + width, BLOCK_SIZE);
        out.putInt(20 + width, elems);
        putOffset(out, 24 + width, fileSize, width);
    }

    private static void putOffset(ByteBuffer out, int at, long value, int width) {
        if (width == 8) {
            out.putLong(at, value);
        } else {
            out.putInt(at, (int) value);
        }
    }

    private static long writeBucket(ByteBuffer out, BucketLayout layout, int elems, int address, Bucket bucket,
                                    long data) {
        out.putInt(address + layout.bucketBitsOffset(), bucket.depth());
        out.putInt(address + layout.bucketBitsOffset() + 4, bucket.items().size());
        boolean[] used = new boolean[elems];
        for (int slot = 0; slot < elems; slot++) {
            out.putInt(address + layout.tableOffset() + slot * layout.elementSize(), -1);
        }
        for (Item item : bucket.items()) {
            int slot = item.hash() % elems;
            while (used[slot]) {
                slot = (slot + 1) % elems;
            }
            used[slot] = true;
            int element = address + layout.tableOffset() + slot * layout.elementSize();
            out.putInt(element, item.hash());
            out.put(element + 4, Arrays.copyOf(item.key(), 4), 0, Math.min(4, item.key().length));
            putOffset(out, element + layout.dataPointerOffset(), data, layout.offsetWidth());
            out.putInt(element + layout.keySizeOffset(), item.key().length);
            out.putInt(element + layout.dataSizeOffset(), item.value().length);
            out.put((int) data, item.key());
            out.put((int) data + item.key().length, item.value());
            data += item.key().length + (long) item.value().length;
        }
        return data;
    }
}
