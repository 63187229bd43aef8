package io.hydrafs.client;

/**
 * The checksum of a file's bytes: the CRC32C of its whole content, composed from the blocks'
 * stored chunk checksums without reading the data. It does not depend on block size or
 * replication, and equals HDFS's {@code COMPOSITE-CRC32C} checksum of the same bytes
 * ({@code dfs.checksum.combine.mode=COMPOSITE_CRC}), so copies between the two can be compared.
 *
 * @param crc32c the CRC32C of the first {@code length} bytes of the file
 * @param length the bytes covered: the file's length (for a file being written, the bytes the
 *               meta service has recorded, as HDFS does)
 */
public record FileChecksum(int crc32c, long length) {
    /** The algorithm's name as Hadoop spells it. */
    public static final String ALGORITHM = "COMPOSITE-CRC32C";

    @Override
    public String toString() {
        return ALGORITHM + " " + String.format("%08x", crc32c) + " (" + length + " bytes)";
    }
}
