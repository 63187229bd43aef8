package io.hydrafs.ops.fs;

import io.hydrafs.client.FileStatus;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ListingFormatTest {
    static final long MAY_FIRST_NOON_MS = LocalDateTime.of(2024, 5, 1, 12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    static FileStatus file(String path, long length, int replication, String owner) {
        return new FileStatus(path, false, length, replication, 128L << 20, MAY_FIRST_NOON_MS, MAY_FIRST_NOON_MS,
                0644, owner, "supergroup", 7, false, 0);
    }

    static FileStatus directory(String path, int permission) {
        return new FileStatus(path, true, 0, 0, 0, MAY_FIRST_NOON_MS + 60_000, 0, permission, "hydra", "supergroup",
                8, false, 2);
    }

    @Test
    void linesFollowHdfsLsWithColumnsAlignedAcrossTheBatch() {
        List<String> lines = new ListingFormat(ZoneOffset.UTC, false).lines(List.of(
                directory("/data", 01777), file("/data/part-0", 1366, 3, "alice")));

        assertEquals(List.of(
                "drwxrwxrwt   - hydra supergroup          0 2024-05-01 12:01 /data",
                "-rw-r--r--   3 alice supergroup       1366 2024-05-01 12:00 /data/part-0"), lines);
    }

    @Test
    void wideValuesWidenTheirColumnAndHumanSizesUsePrefixes() {
        List<String> lines = new ListingFormat(ZoneOffset.ofHours(2), true).lines(List.of(
                file("/a", 123_456_789_012L, 3, "a-long-owner-name"), file("/b", 10, 3, "bo")));

        assertEquals(List.of(
                "-rw-r--r--   3 a-long-owner-name supergroup    115.0 G 2024-05-01 14:00 /a",
                "-rw-r--r--   3 bo                supergroup         10 2024-05-01 14:00 /b"), lines);
    }
}
