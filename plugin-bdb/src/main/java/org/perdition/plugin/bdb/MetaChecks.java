package org.perdition.plugin.bdb;

/** Checks of the generic meta page (DBMETA33 in db_page.h) shared by hash and btree. */
final class MetaChecks {

    private MetaChecks() {
    }

    static void common(PageFile file, int metaType) throws BdbFormatException {
        if (file.type(0) != metaType) {
            throw new BdbFormatException("meta page has type " + file.type(0) + ", expected " + metaType);
        }
        if (file.u8(24) != 0) {
            throw new BdbFormatException("the database is encrypted, not read");
        }
        // DBMETA_CHKSUM: pages then carry a checksum that moves every item; makebdb never sets it
        if ((file.u8(26) & 0x01) != 0) {
            throw new BdbFormatException("the database has page checksums, not read");
        }
    }
}
