package org.perdition.plugin.gdbm;

/**
 * Where the fields of gdbm's {@code hash_bucket} lie, which depends on the writer's ABI.
 *
 * <p>{@code hash_bucket = { int av_count; avail_elem bucket_avail[6]; int bucket_bits; int count;
 * bucket_element h_table[]; }}, {@code avail_elem = { int av_size; off_t av_adr; }},
 * {@code bucket_element = { int hash_value; char key_start[4]; off_t data_pointer; int key_size;
 * int data_size; }}. gdbm sizes buckets as
 * {@code bucket_elems = (bucket_size - sizeof(hash_bucket)) / sizeof(bucket_element) + 1}, so the
 * header's bucket_elems identifies the layout.
 *
 * @param offsetWidth  sizeof(off_t): 4 or 8
 * @param tableOffset  offset of h_table in the bucket
 * @param elementSize  sizeof(bucket_element)
 */
record BucketLayout(int offsetWidth, int tableOffset, int elementSize) {

    private static final int BUCKET_AVAIL = 6;

    /** LP64 (amd64, arm64, ...): off_t 8 bytes, 8-byte aligned. Debian 12's makegdbm. */
    static final BucketLayout LP64 = of(8, 8);
    /** 32-bit x86 with large-file off_t: 8-byte off_t, but only 4-byte aligned inside structs. */
    static final BucketLayout I386_LFS = of(8, 4);
    /** 32-bit off_t (old or 32-bit builds without large-file support). */
    static final BucketLayout ILP32 = of(4, 4);

    /** Offset of {@code bucket_bits}; {@code count} follows it. */
    int bucketBitsOffset() {
        return tableOffset - 8;
    }

    /** sizeof(hash_bucket), which contains one table element. */
    int bucketStructSize() {
        return tableOffset + elementSize;
    }

    int dataPointerOffset() {
        return 8;
    }

    int keySizeOffset() {
        return 8 + offsetWidth;
    }

    int dataSizeOffset() {
        return 12 + offsetWidth;
    }

    static BucketLayout matching(int offsetWidth, int bucketSize, int bucketElems) {
        for (BucketLayout layout : new BucketLayout[] {LP64, I386_LFS, ILP32}) {
            if (layout.offsetWidth == offsetWidth && bucketSize > layout.bucketStructSize()
                    && (bucketSize - layout.bucketStructSize()) / layout.elementSize + 1 == bucketElems) {
                return layout;
            }
        }
        return null;
    }

    private static BucketLayout of(int offsetWidth, int offsetAlign) {
        int availElemSize = align(4, offsetAlign) + offsetWidth;
        availElemSize = align(availElemSize, offsetAlign);
        int availStart = align(4, offsetAlign);
        int bucketBits = availStart + BUCKET_AVAIL * availElemSize;
        int table = align(bucketBits + 8, offsetAlign);
        int element = align(8 + offsetWidth + 8, offsetAlign);
        return new BucketLayout(offsetWidth, table, element);
    }

    private static int align(int value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
