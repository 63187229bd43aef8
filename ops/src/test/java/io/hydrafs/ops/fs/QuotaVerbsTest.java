package io.hydrafs.ops.fs;

import io.hydrafs.client.ContentSummary;
import io.hydrafs.client.DirectoryQuota;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The lines of {@code hydra fs count} and the quota arguments of {@code hydra admin}, as HDFS prints and takes them. */
class QuotaVerbsTest {
    private static final ContentSummary NO_QUOTA = new ContentSummary(3000, 4, 2, 9000);

    @Test
    void countPrintsDirectoriesFilesAndBytesInHdfsColumns() {
        assertEquals("           2            4               3000 /d", QuotaVerbs.countLine(NO_QUOTA, "/d", false, false));
        assertEquals("           2            4              2.9 K /d", QuotaVerbs.countLine(NO_QUOTA, "/d", false, true));
    }

    @Test
    void withQuotasTheRemainderIsTheLimitLessTheCountedUsageAndNoneWithoutALimit() {
        ContentSummary s = new ContentSummary(3000, 4, 2, 9000, new DirectoryQuota(10, 6, DirectoryQuota.NONE, 9000));

        assertEquals("          10               4            none             inf            2            4 "
                + "              3000 /d", QuotaVerbs.countLine(s, "/d", true, false));
        assertEquals("        none             inf            none             inf            2            4 "
                + "              3000 /d", QuotaVerbs.countLine(NO_QUOTA, "/d", true, false));
    }

    @Test
    void aSpaceQuotaBelowItsUsageLeavesANegativeRemainder() {
        ContentSummary s = new ContentSummary(3000, 4, 2, 9000, new DirectoryQuota(DirectoryQuota.NONE, 6, 2048, 9000));

        assertEquals("        none             inf           2.0 K          -6.8 K ",
                QuotaVerbs.countLine(s, "/d", true, true).substring(0, 61));
    }

    @Test
    void theHeaderNamesTheColumns() {
        assertEquals("       QUOTA       REM_QUOTA     SPACE_QUOTA REM_SPACE_QUOTA    DIR_COUNT   FILE_COUNT "
                + "      CONTENT_SIZE PATHNAME", QuotaVerbs.header(true));
    }

    @Test
    void spaceQuotasTakeBinarySuffixes() {
        assertEquals(1024, QuotaVerbs.spaceQuota("1k"));
        assertEquals(10L << 30, QuotaVerbs.spaceQuota("10G"));
        assertEquals(0, QuotaVerbs.spaceQuota("0"));
        assertThrows(IllegalArgumentException.class, () -> QuotaVerbs.spaceQuota("-1"));
        assertThrows(IllegalArgumentException.class, () -> QuotaVerbs.spaceQuota("9e"));
        assertThrows(IllegalArgumentException.class, () -> QuotaVerbs.spaceQuota("x"));
    }

    @Test
    void namespaceQuotasAreCountsOfOneOrMore() {
        assertEquals(5, QuotaVerbs.namespaceQuota("5"));
        assertThrows(IllegalArgumentException.class, () -> QuotaVerbs.namespaceQuota("0"));
        assertThrows(IllegalArgumentException.class, () -> QuotaVerbs.namespaceQuota("many"));
    }
}
