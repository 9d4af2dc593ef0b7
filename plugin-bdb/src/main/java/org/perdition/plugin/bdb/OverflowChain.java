package org.perdition.plugin.bdb;

/**
 * Reads an item stored off-page: a chain of P_OVERFLOW pages linked by {@code next_pgno}, each
 * holding {@code hf_offset} bytes of the item right after the page header (db_page.h, OV_LEN).
 * Hash (HOFFPAGE) and btree (BOVERFLOW) entries both point to such a chain with its total length.
 */
final class OverflowChain {

    static final int P_OVERFLOW = 7;

    private OverflowChain() {
    }

    static byte[] read(PageFile file, long firstPage, long totalLength) throws BdbFormatException {
        // Cap the length by the file size before allocating: a corrupt tlen must not cost memory.
        long capacity = file.pageCount() * (file.pageSize() - PageFile.PAGE_HEADER);
        if (totalLength > capacity || totalLength > Integer.MAX_VALUE - 16) {
            throw new BdbFormatException("overflow item of " + totalLength + " bytes is larger than the file");
        }
        byte[] item = new byte[(int) totalLength];
        int filled = 0;
        long pgno = firstPage;
        long visited = 0;
        while (filled < item.length) {
            if (++visited > file.pageCount()) {
                throw new BdbFormatException("overflow chain from page " + firstPage + " loops");
            }
            if (pgno == 0) {
                throw new BdbFormatException("overflow chain from page " + firstPage + " ends early");
            }
            if (file.type(pgno) != P_OVERFLOW) {
                throw new BdbFormatException("page " + pgno + " is not an overflow page");
            }
            int length = file.hfOffset(pgno);
            if (length > file.pageSize() - PageFile.PAGE_HEADER || length > item.length - filled) {
                throw new BdbFormatException("overflow page " + pgno + " has a bad length " + length);
            }
            file.copy(file.pageOffset(pgno) + PageFile.PAGE_HEADER, item, filled, length);
            filled += length;
            pgno = file.next(pgno);
        }
        return item;
    }
}
