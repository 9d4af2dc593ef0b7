package org.perdition.plugin.bdb;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A DB_BTREE database (btree versions 8 to 10), read as a convenience: Debian's perdition opens
 * popmaps with DB_HASH only (spec §5.2), but {@code db_load -t btree} files are common.
 *
 * <p>Layout (db_page.h BTMETA33, BINTERNAL, BKEYDATA, BOVERFLOW): the meta page's root (offset 88)
 * is an internal page (P_IBTREE) or a leaf (P_LBTREE). An internal item is {len u16, type u8,
 * pad, pgno u32, nrecs u32, key}; its key is the smallest key under pgno (item 0's key is
 * ignored). Leaf items alternate key, data: {len u16, type u8, bytes} or, for B_OVERFLOW,
 * {pad u16, type u8, pad, pgno u32, tlen u32}. Keys compare as libdb's default
 * __bam_defcmp: unsigned bytes, a prefix sorts first.
 */
public final class BtreeDatabase implements BdbDatabase {

    static final int P_IBTREE = 3;
    static final int P_LBTREE = 5;
    static final int P_BTREEMETA = 9;

    static final int B_KEYDATA = 1;
    static final int B_OVERFLOW = 3;
    static final int B_DELETE = 0x80;

    private static final int MAX_DEPTH = 64;

    private final PageFile file;
    private final long root;

    private BtreeDatabase(PageFile file, long root) {
        this.file = file;
        this.root = root;
    }

    static BtreeDatabase read(PageFile file) throws BdbFormatException {
        long version = file.u32(16);
        if (version < 8 || version > 10) {
            throw new BdbFormatException("unsupported btree version " + version + " (8 to 10 are read)");
        }
        MetaChecks.common(file, P_BTREEMETA);
        long root = file.u32(88);
        file.pageOffset(root);
        if (root == 0) {
            throw new BdbFormatException("btree root is page 0");
        }
        return new BtreeDatabase(file, root);
    }

    @Override
    public byte[] get(byte[] key) throws BdbFormatException {
        long pgno = root;
        for (int depth = 0; ; depth++) {
            int type = pageType(pgno, depth);
            int entries = file.entries(pgno);
            if (type == P_LBTREE) {
                for (int i = 0; i + 1 < entries; i += 2) {
                    if (!deleted(pgno, i) && !deleted(pgno, i + 1) && Arrays.equals(leafItem(pgno, i), key)) {
                        return leafItem(pgno, i + 1);
                    }
                }
                return null;
            }
            if (entries == 0) {
                throw new BdbFormatException("empty internal page " + pgno);
            }
            int child = 0;
            for (int i = 1; i < entries; i++) {
                if (Arrays.compareUnsigned(internalKey(pgno, i), key) > 0) {
                    break;
                }
                child = i;
            }
            pgno = internalChild(pgno, child);
        }
    }

    @Override
    public void forEach(BiConsumer<byte[], byte[]> action) throws BdbFormatException {
        long pgno = root;
        int depth = 0;
        while (pageType(pgno, depth) == P_IBTREE) {
            if (file.entries(pgno) == 0) {
                throw new BdbFormatException("empty internal page " + pgno);
            }
            pgno = internalChild(pgno, 0);
            depth++;
        }
        long visited = 0;
        while (pgno != 0) {
            if (++visited > file.pageCount() || file.type(pgno) != P_LBTREE) {
                throw new BdbFormatException("bad leaf chain at page " + pgno);
            }
            int entries = file.entries(pgno);
            for (int i = 0; i + 1 < entries; i += 2) {
                if (!deleted(pgno, i) && !deleted(pgno, i + 1)) {
                    action.accept(leafItem(pgno, i), leafItem(pgno, i + 1));
                }
            }
            pgno = file.next(pgno);
        }
    }

    private int pageType(long pgno, int depth) throws BdbFormatException {
        if (depth > MAX_DEPTH) {
            throw new BdbFormatException("btree deeper than " + MAX_DEPTH + " levels (a loop?)");
        }
        int type = file.type(pgno);
        if (type != P_IBTREE && type != P_LBTREE) {
            throw new BdbFormatException("page " + pgno + " is not a btree page (type " + type + ")");
        }
        return type;
    }

    private boolean deleted(long pgno, int index) throws BdbFormatException {
        return (file.u8(file.pageOffset(pgno) + file.itemOffset(pgno, index) + 2) & B_DELETE) != 0;
    }

    private byte[] leafItem(long pgno, int index) throws BdbFormatException {
        int at = file.pageOffset(pgno) + file.itemOffset(pgno, index);
        return keyData(pgno, at, file.u16(at), file.u8(at + 2) & ~B_DELETE, at + 3, at);
    }

    private byte[] internalKey(long pgno, int index) throws BdbFormatException {
        int at = file.pageOffset(pgno) + file.itemOffset(pgno, index);
        return keyData(pgno, at, file.u16(at), file.u8(at + 2) & ~B_DELETE, at + 12, at + 12);
    }

    private long internalChild(long pgno, int index) throws BdbFormatException {
        int at = file.pageOffset(pgno) + file.itemOffset(pgno, index);
        long child = file.u32(at + 4);
        if (child == 0 || child == pgno) {
            throw new BdbFormatException("page " + pgno + ": bad child page " + child);
        }
        return child;
    }

    /** Bytes of an on-page item, or of the overflow chain a BOVERFLOW record at {@code overflowAt} names. */
    private byte[] keyData(long pgno, int at, int length, int type, int dataAt, int overflowAt)
            throws BdbFormatException {
        int pageEnd = file.pageOffset(pgno) + file.pageSize();
        if (type == B_KEYDATA) {
            if (dataAt + length > pageEnd) {
                throw new BdbFormatException("page " + pgno + ": item runs past the page end");
            }
            return file.bytes(dataAt, length);
        }
        if (type == B_OVERFLOW) {
            return OverflowChain.read(file, file.u32(overflowAt + 4), file.u32(overflowAt + 8));
        }
        throw new BdbFormatException("page " + pgno + ": unsupported item type " + type + " at " + (at - file.pageOffset(pgno)));
    }
}
