package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.ContentSummaryProto;
import org.junit.jupiter.api.Test;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ContentSummaryTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();

    private static ContentSummaryProto summary(long length, long files, long dirs, long space) {
        return ContentSummaryProto.newBuilder().setLength(length).setFileCount(files).setDirectoryCount(dirs)
                .setSpaceConsumed(space).build();
    }

    @Test
    void summaryOfASubtreeCountsItselfEveryDirectoryFileAndReplica() throws Exception {
        hdfs.mkdirs("/t/a/b");
        hdfs.mkdirs("/t/empty");
        hdfs.writeFile("/t/f1", 100, 50);          // replication 3
        hdfs.writeFile("/t/a/b/f2", 10);
        hdfs.setReplication("/t/a/b/f2", 2);
        hdfs.create("/t/a/open");                   // being written, length 0
        hdfs.writeFile("/outside", 1000);

        assertEquals(summary(160, 3, 4, 150 * 3 + 10 * 2), hdfs.summary("/t"));
    }

    @Test
    void summaryOfAFileIsThatFile() throws Exception {
        hdfs.writeFile("/f", 7);
        assertEquals(summary(7, 1, 0, 21), hdfs.summary("/f"));
    }

    @Test
    void summaryOfAnEmptyDirectoryCountsOnlyItself() throws Exception {
        hdfs.mkdirs("/e");
        assertEquals(summary(0, 0, 1, 0), hdfs.summary("/e"));
    }

    @Test
    void summaryOfTheRootCoversTheWholeNamespace() throws Exception {
        hdfs.mkdirs("/a");
        hdfs.writeFile("/a/f", 5);
        assertEquals(summary(5, 1, 2, 15), hdfs.summary("/"));
    }

    @Test
    void summaryOfADirectoryLargerThanOnePageCountsEveryEntry() throws Exception {
        hdfs.mkdirs("/big");
        for (int i = 0; i < 1030; i++) {
            hdfs.create("/big/f" + i);
        }
        assertEquals(1030, hdfs.summary("/big").getFileCount());
    }

    @Test
    void summaryOfAMissingPathIsFileNotFound() {
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.summary("/none"));
    }
}
