package org.perdition.plugin.gdbm;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A read-only GDBM database held in memory: the whole file's bytes, looked up in place with
 * gdbm's own hash, directory and bucket probing (gdbm's findkey.c), so a lookup costs one hash
 * and a few probes, not a scan.
 *
 * <p>Immutable and therefore safe for concurrent lookups. Every offset and length read from the
 * file is checked against the file size before use, and every probe loop is bounded by the
 * bucket size, so a corrupt file gives {@link GdbmFormatException}, never another exception,
 * a hang or a huge allocation.
 */
public final class GdbmFile {

    private final byte[] bytes;
    private final ByteBuffer buf;
    private final GdbmHeader header;

    private GdbmFile(byte[] bytes, GdbmHeader header) {
        this.bytes = bytes;
        this.header = header;
        this.buf = ByteBuffer.wrap(bytes).order(header.order());
    }

    /** Parses the header; buckets and items are checked lazily, per lookup. The array is not copied. */
    public static GdbmFile of(byte[] bytes) throws GdbmFormatException {
        return new GdbmFile(bytes, GdbmHeader.parse(bytes));
    }

    /** "standard, 64-bit offsets, little-endian" and so on. */
    public String describe() {
        return header.describe();
    }

    /** The value stored under {@code key}, or null when there is none. */
    public byte[] fetch(byte[] key) throws GdbmFormatException {
        byte[] value = fetch(key, GdbmHash.signedChar(key));
        if (value == null && GdbmHash.hasHighBytes(key)) {
            // written where char is unsigned (ARM, PowerPC): see GdbmHash
            value = fetch(key, GdbmHash.unsignedChar(key));
        }
        return value;
    }

    /** Visits every item, bucket by bucket (diagnostics and tests; a lookup never scans). */
    public void forEach(BiConsumer<byte[], byte[]> visitor) throws GdbmFormatException {
        long previous = -1;
        for (int index = 0; index < 1 << header.dirBits(); index++) {
            long bucket = bucketAddress(index);
            if (bucket == previous) {
                continue;   // consecutive directory entries share a bucket of smaller depth
            }
            previous = bucket;
            if (firstIndexOf(bucket, index)) {
                for (int slot = 0; slot < header.bucketElems(); slot++) {
                    int element = elementAddress(bucket, slot);
                    if (buf.getInt(element) != -1) {
                        byte[] key = item(element, 0, buf.getInt(element + header.layout().keySizeOffset()));
                        visitor.accept(key, value(element));
                    }
                }
            }
        }
    }

    private boolean firstIndexOf(long bucket, int index) throws GdbmFormatException {
        // a bucket of depth d is referenced by 2^(dirBits-d) consecutive entries; visit it once
        int bits = buf.getInt((int) bucket + header.layout().bucketBitsOffset());
        if (bits < 0 || bits > header.dirBits()) {
            throw new GdbmFormatException("bucket at " + bucket + " has bad depth " + bits);
        }
        int span = 1 << (header.dirBits() - bits);
        return index % span == 0;
    }

    private byte[] fetch(byte[] key, int hash) throws GdbmFormatException {
        int dirIndex = hash >>> (GdbmHeader.HASH_BITS - header.dirBits());   // the top dir_bits of 31
        long bucket = bucketAddress(dirIndex);
        int elems = header.bucketElems();
        int home = hash % elems;
        int slot = home;
        do {
            int element = elementAddress(bucket, slot);
            int storedHash = buf.getInt(element);
            if (storedHash == -1) {
                return null;   // an empty slot ends the probe sequence (findkey.c)
            }
            if (storedHash == hash && keyMatches(element, key)) {
                return value(element);
            }
            slot = (slot + 1) % elems;
        } while (slot != home);
        return null;
    }

    private boolean keyMatches(int element, byte[] key) throws GdbmFormatException {
        int keySize = buf.getInt(element + header.layout().keySizeOffset());
        if (keySize != key.length) {
            return false;
        }
        long at = itemAddress(element, keySize);
        return Arrays.equals(bytes, (int) at, (int) at + keySize, key, 0, keySize);
    }

    private byte[] value(int element) throws GdbmFormatException {
        int keySize = buf.getInt(element + header.layout().keySizeOffset());
        int dataSize = buf.getInt(element + header.layout().dataSizeOffset());
        return item(element, keySize, dataSize);
    }

    private byte[] item(int element, int skip, int length) throws GdbmFormatException {
        long at = itemAddress(element, skip + (long) length);
        if (length < 0) {
            throw new GdbmFormatException("negative item size at " + element);
        }
        return Arrays.copyOfRange(bytes, (int) at + skip, (int) at + skip + length);
    }

    /** The key+data record's address, checked so that {@code length} bytes from it lie in the file. */
    private long itemAddress(int element, long length) throws GdbmFormatException {
        int keySize = buf.getInt(element + header.layout().keySizeOffset());
        int dataSize = buf.getInt(element + header.layout().dataSizeOffset());
        long at = offset(element + header.layout().dataPointerOffset());
        // compare as "at > size - n" so that a huge offset from a corrupt file cannot overflow
        if (keySize < 0 || dataSize < 0 || at < 0 || length < 0
                || at > bytes.length - ((long) keySize + dataSize) || at > bytes.length - length) {
            throw new GdbmFormatException("item at " + element + " points outside the file (" + at + ", "
                    + keySize + "+" + dataSize + " bytes)");
        }
        return at;
    }

    private long bucketAddress(int dirIndex) throws GdbmFormatException {
        long bucket = offset((int) header.dir() + dirIndex * header.layout().offsetWidth());
        if (bucket <= 0 || bucket > (long) bytes.length - header.bucketSize()) {
            throw new GdbmFormatException("directory entry " + dirIndex + " points outside the file (" + bucket + ")");
        }
        return bucket;
    }

    private int elementAddress(long bucket, int slot) {
        // in the file: bucketAddress checked the whole bucket, BucketLayout that the table fits in it
        return (int) bucket + header.layout().tableOffset() + slot * header.layout().elementSize();
    }

    private long offset(int at) {
        return header.layout().offsetWidth() == 8 ? buf.getLong(at) : buf.getInt(at) & 0xFFFFFFFFL;
    }
}
