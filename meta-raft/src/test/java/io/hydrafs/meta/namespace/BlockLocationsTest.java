package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.GetBlockLocationsResponse;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static io.hydrafs.meta.namespace.NamespaceTestContext.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** getBlockLocations over /f, a closed file of three blocks: [0, 1000) [1000, 2000) [2000, 2500). */
class BlockLocationsTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();

    @BeforeEach
    void writeAFile() throws Exception {
        hdfs.writeFile("/f", 1000, 1000, 500);
    }

    private List<Long> offsets(long offset, long length) throws Exception {
        return hdfs.locations("/f", offset, length).getBlocksList().stream().map(LocatedBlockProto::getOffset)
                .toList();
    }

    @Test
    void lengthZeroMeansEveryBlockFromTheOffsetToTheEnd() throws Exception {
        GetBlockLocationsResponse r = hdfs.locations("/f", 0, 0);
        assertEquals(hdfs.stat("/f"), r.getStatus());
        assertEquals(List.of(0L, 1000L, 2000L), offsets(0, 0));
        assertEquals(List.of(1000L, 2000L), offsets(1000, 0));
        assertEquals(ctx.inode("/f").getBlocksList(),
                r.getBlocksList().stream().map(LocatedBlockProto::getBlock).toList());
    }

    @Test
    void rangeSelectsTheBlocksItOverlaps() throws Exception {
        assertEquals(List.of(1000L), offsets(1500, 100));
        assertEquals(List.of(0L, 1000L), offsets(999, 2));
        assertEquals(List.of(0L), offsets(0, 1000), "the end is exclusive");
        assertEquals(List.of(2000L), offsets(2499, 1_000_000));
    }

    @Test
    void rangeAtOrBeyondTheEndHasNoBlocks() throws Exception {
        assertEquals(List.of(), offsets(2500, 0));
        assertEquals(List.of(), offsets(10_000, 10));
    }

    @Test
    void targetsAreLeftForTheCallerToFillIn() throws Exception {
        assertTrue(hdfs.locations("/f", 0, 0).getBlocksList().stream().allMatch(b -> b.getTargetsCount() == 0));
    }

    @Test
    void theBlockBeingWrittenIsIncludedWhenTheRangeReachesIt() throws Exception {
        hdfs.create(hdfs.newCreate("/open").setBlockSize(1024));
        LocatedBlockProto first = hdfs.addBlock("/open", null);
        hdfs.addBlock("/open", withLength(first, 1024));

        GetBlockLocationsResponse r = hdfs.locations("/open", 0, 0);

        assertTrue(r.getStatus().getUnderConstruction());
        assertEquals(List.of(0L, 1024L), r.getBlocksList().stream().map(LocatedBlockProto::getOffset).toList());
        assertEquals(1, hdfs.locations("/open", 1024, 0).getBlocksCount());
    }

    @Test
    void emptyFileHasNoBlocks() throws Exception {
        hdfs.writeFile("/empty");
        assertEquals(0, hdfs.locations("/empty", 0, 0).getBlocksCount());
    }

    @Test
    void directoryIsADirectoryAndMissingIsFileNotFound() throws Exception {
        hdfs.mkdirs("/d");
        assertFails(ErrorCode.IS_A_DIRECTORY, () -> hdfs.locations("/d", 0, 0));
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.locations("/none", 0, 0));
    }

    @Test
    void offsetOrLengthBeyondTwoToTheSixtyThreeIsInvalidArgument() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.locations("/f", -1, 0));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.locations("/f", 0, -1));
    }
}
