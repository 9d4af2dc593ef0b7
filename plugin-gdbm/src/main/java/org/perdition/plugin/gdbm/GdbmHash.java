package org.perdition.plugin.gdbm;

/**
 * gdbm's key hash ({@code _gdbm_hash} in gdbm's hash.c), a 31-bit value.
 *
 * <p>gdbm adds {@code key.dptr[i] << (i*5 % 24)} where {@code dptr} is a plain {@code char *}: on
 * x86 (and so in the files Debian's amd64 makegdbm writes) bytes 0x80..0xFF are sign-extended;
 * on ARM, PowerPC and s390 {@code char} is unsigned. Keys with such bytes (UTF-8 user names)
 * therefore hash differently depending on the machine that wrote the file, so a reader offers
 * both variants.
 */
public final class GdbmHash {

    private GdbmHash() {
    }

    /** The hash as gdbm computes it where {@code char} is signed (x86, amd64): the writer's default. */
    public static int signedChar(byte[] key) {
        return hash(key, true);
    }

    /** The hash as gdbm computes it where {@code char} is unsigned (ARM, PowerPC, s390). */
    public static int unsignedChar(byte[] key) {
        return hash(key, false);
    }

    /** Whether the two variants can differ for this key (only bytes &gt;= 0x80 make them differ). */
    public static boolean hasHighBytes(byte[] key) {
        for (byte b : key) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private static int hash(byte[] key, boolean signedChar) {
        // unsigned 32-bit arithmetic in C is Java's wrapping int arithmetic
        int value = 0x238F13AF * key.length;
        for (int i = 0; i < key.length; i++) {
            int b = signedChar ? key[i] : key[i] & 0xFF;
            value = (value + (b << (i * 5 % 24))) & 0x7FFFFFFF;
        }
        return (1103515243 * value + 12345) & 0x7FFFFFFF;
    }
}
