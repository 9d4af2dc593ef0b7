package org.perdition.plugin.bdb;

import java.nio.charset.StandardCharsets;

/**
 * libdb's default hash function and bucket arithmetic (src/hash/hash_func.c, hash.h).
 */
final class HashFunction {

    /**
     * libdb hashes CHARKEY at create time and stores it as h_charkey, to detect another hash
     * function; it hashes sizeof(CHARKEY) bytes, so the C string's NUL is included.
     */
    static final byte[] CHARKEY = "%$sniglet^&\0".getBytes(StandardCharsets.US_ASCII);

    private HashFunction() {
    }

    /** __ham_func5: 32-bit FNV-1, starting from 0 (not the FNV offset basis): h = (h * 16777619) ^ b. */
    static int fnv1(byte[] key) {
        int h = 0;
        for (byte b : key) {
            h *= 16777619;
            h ^= b & 0xff;
        }
        return h;
    }

    /** __ham_call_hash: the bucket of a hash value under linear hashing's two masks. */
    static long bucket(int hash, long highMask, long lowMask, long maxBucket) {
        long bucket = Integer.toUnsignedLong(hash) & highMask;
        if (bucket > maxBucket) {
            bucket &= lowMask;
        }
        return bucket;
    }

    /** __db_log2: the smallest i with 2^i >= n; spares[] is indexed by log2(bucket + 1). */
    static int log2(long n) {
        int i = 0;
        for (long limit = 1; limit < n; limit <<= 1) {
            i++;
        }
        return i;
    }
}
