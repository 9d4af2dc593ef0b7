package org.perdition.plugin.bdb;

import java.util.Arrays;

/**
 * A whole Berkeley DB file in memory, read with the file's byte order, every access bounds-checked.
 *
 * <p>Offsets below are those of libdb 5.3's {@code src/dbinc/db_page.h}: the generic page header
 * (PAGE, 26 bytes: lsn, pgno, prev_pgno, next_pgno, entries, hf_offset, level, type) is followed
 * by the index array {@code inp[]} of 16-bit item offsets. Every length or page number that comes
 * from the file is checked here before use, so a corrupt file gives {@link BdbFormatException},
 * never an out-of-bounds access or an allocation bigger than the file.
 */
final class PageFile {

    static final int PAGE_HEADER = 26;   // SIZEOF_PAGE
    static final int OFF_PGNO = 8;
    static final int OFF_PREV = 12;
    static final int OFF_NEXT = 16;
    static final int OFF_ENTRIES = 20;
    static final int OFF_HF_OFFSET = 22;
    static final int OFF_LEVEL = 24;
    static final int OFF_TYPE = 25;

    private final byte[] data;
    private final boolean bigEndian;
    private final int pageSize;
    private final long pageCount;

    PageFile(byte[] data, boolean bigEndian, int pageSize) throws BdbFormatException {
        if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
            throw new BdbFormatException("bad page size " + Integer.toUnsignedString(pageSize));
        }
        this.data = data;
        this.bigEndian = bigEndian;
        this.pageSize = pageSize;
        this.pageCount = data.length / pageSize;
    }

    int pageSize() {
        return pageSize;
    }

    long pageCount() {
        return pageCount;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    /** The byte offset of page {@code pgno}; the whole page must lie in the file. */
    int pageOffset(long pgno) throws BdbFormatException {
        if (pgno < 0 || pgno >= pageCount) {
            throw new BdbFormatException("page " + pgno + " is beyond the end of the file (" + pageCount + " pages)");
        }
        return (int) (pgno * pageSize);
    }

    int u8(int offset) throws BdbFormatException {
        check(offset, 1);
        return data[offset] & 0xff;
    }

    int u16(int offset) throws BdbFormatException {
        check(offset, 2);
        int a = data[offset] & 0xff;
        int b = data[offset + 1] & 0xff;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    /** An unsigned 32-bit field, as a long so that large values cannot turn negative. */
    long u32(int offset) throws BdbFormatException {
        check(offset, 4);
        long value = 0;
        for (int i = 0; i < 4; i++) {
            int b = data[offset + (bigEndian ? i : 3 - i)] & 0xff;
            value = (value << 8) | b;
        }
        return value;
    }

    byte[] bytes(int offset, int length) throws BdbFormatException {
        check(offset, length);
        return Arrays.copyOfRange(data, offset, offset + length);
    }

    boolean equalsAt(int offset, byte[] key) throws BdbFormatException {
        check(offset, key.length);
        return Arrays.equals(data, offset, offset + key.length, key, 0, key.length);
    }

    /** Copies {@code length} bytes to {@code target}; used to assemble overflow items. */
    void copy(int offset, byte[] target, int targetOffset, int length) throws BdbFormatException {
        check(offset, length);
        System.arraycopy(data, offset, target, targetOffset, length);
    }

    private void check(int offset, int length) throws BdbFormatException {
        if (offset < 0 || length < 0 || (long) offset + length > data.length) {
            throw new BdbFormatException("read of " + length + " bytes at offset " + offset
                    + " is beyond the end of the file (" + data.length + " bytes)");
        }
    }

    // --- the generic page header ---

    int type(long pgno) throws BdbFormatException {
        return u8(pageOffset(pgno) + OFF_TYPE);
    }

    int entries(long pgno) throws BdbFormatException {
        return u16(pageOffset(pgno) + OFF_ENTRIES);
    }

    long next(long pgno) throws BdbFormatException {
        return u32(pageOffset(pgno) + OFF_NEXT);
    }

    int hfOffset(long pgno) throws BdbFormatException {
        return u16(pageOffset(pgno) + OFF_HF_OFFSET);
    }

    int level(long pgno) throws BdbFormatException {
        return u8(pageOffset(pgno) + OFF_LEVEL);
    }

    /**
     * The page-relative offset of item {@code index}, checked to lie after the index array and
     * inside the page.
     */
    int itemOffset(long pgno, int index) throws BdbFormatException {
        int entries = entries(pgno);
        if (index < 0 || index >= entries || PAGE_HEADER + 2 * entries > pageSize) {
            throw new BdbFormatException("page " + pgno + ": bad item index " + index + " of " + entries);
        }
        int offset = u16(pageOffset(pgno) + PAGE_HEADER + 2 * index);
        if (offset < PAGE_HEADER + 2 * entries || offset >= pageSize) {
            throw new BdbFormatException("page " + pgno + ": item " + index + " at bad offset " + offset);
        }
        return offset;
    }
}
