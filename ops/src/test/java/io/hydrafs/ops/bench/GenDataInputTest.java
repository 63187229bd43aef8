package io.hydrafs.ops.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ported generator writes what {@code java shared/bench/GenData.java KIND 2 OUT} writes: the
 * digests below are of GenData's own 2 MiB outputs, so every system benchmarks the same bytes.
 */
class GenDataInputTest {
    @TempDir
    Path dir;

    @Test
    void textIsByteForByteGenDatas() throws Exception {
        Path file = dir.resolve("text-2");

        GenDataInput.write(GenDataInput.Kind.TEXT, 2, file);

        assertEquals(2_097_142, Files.size(file));
        assertEquals("a1c561ffa8512f930dc411b4b19881dc4dc29131bcb3fb751c0e04e6f22bbcd8", sha256(file));
    }

    @Test
    void recordsAreByteForByteGenDatas() throws Exception {
        Path file = dir.resolve("records-2");

        GenDataInput.write(GenDataInput.Kind.RECORDS, 2, file);

        assertEquals(2_097_100, Files.size(file));
        assertEquals("49bf97ce9af529369703b50752d69e4c6a251d00e62e3003116e3386d91b80b4", sha256(file));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
