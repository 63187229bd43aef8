package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.InodeType;
import io.hydrafs.protocol.meta.ListStatusRequest;
import io.hydrafs.protocol.meta.ListStatusResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListStatusTest {
    private final NamespaceTestContext ctx =
            NamespaceTestContext.create(p -> p.listingPageSize(4).maxListingPageSize(6));
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();

    private static ListStatusRequest.Builder page(String path, String after, int limit) {
        return ListStatusRequest.newBuilder().setPath(path).setStartAfter(after).setLimit(limit);
    }

    private static List<String> names(ListStatusResponse r) {
        return r.getEntriesList().stream().map(s -> s.getPath().substring(s.getPath().lastIndexOf('/') + 1)).toList();
    }

    private void makeEntries(String dir, int count) throws Exception {
        hdfs.mkdirs(dir);
        for (int i = 0; i < count; i++) {
            hdfs.create(String.format("%s/e%02d", dir, i));
        }
    }

    @Test
    void entriesAreSortedByTheirNamesUtf8Bytes() throws Exception {
        hdfs.mkdirs("/d");
        for (String name : List.of("b", "ä", "a0", "a", "Z", "B")) {
            hdfs.create("/d/" + name);
        }
        assertEquals(List.of("B", "Z", "a", "a0", "b", "ä"), hdfs.names("/d"));
    }

    @Test
    void eachEntryCarriesItsFullPathAndStatus() throws Exception {
        hdfs.mkdirs("/d/sub/x");
        hdfs.create("/d/f");

        List<FileStatusProto> entries = hdfs.list("/d").getEntriesList();

        assertEquals("/d/f", entries.get(0).getPath());
        assertEquals(InodeType.FILE, entries.get(0).getType());
        assertEquals("/d/sub", entries.get(1).getPath());
        assertEquals(1, entries.get(1).getChildCount());
        assertEquals(hdfs.stat("/d/sub"), entries.get(1));
    }

    @Test
    void listingTheRootGivesPathsDirectlyUnderIt() throws Exception {
        hdfs.mkdirs("/a");
        assertEquals("/a", hdfs.list("/").getEntries(0).getPath());
    }

    @Test
    void pagesFollowStartAfterUntilHasMoreIsFalse() throws Exception {
        makeEntries("/d", 7);

        ListStatusResponse first = hdfs.list(page("/d", "", 3));
        ListStatusResponse second = hdfs.list(page("/d", "e02", 3));
        ListStatusResponse third = hdfs.list(page("/d", "e05", 3));

        assertEquals(List.of("e00", "e01", "e02"), names(first));
        assertTrue(first.getHasMore());
        assertEquals(List.of("e03", "e04", "e05"), names(second));
        assertTrue(second.getHasMore());
        assertEquals(List.of("e06"), names(third));
        assertFalse(third.getHasMore());
    }

    @Test
    void pageThatEndsExactlyAtTheLastEntryHasNoMore() throws Exception {
        makeEntries("/d", 3);
        ListStatusResponse r = hdfs.list(page("/d", "", 3));
        assertEquals(3, r.getEntriesCount());
        assertFalse(r.getHasMore());
    }

    @Test
    void startAfterANameThatDoesNotExistStartsAtTheNextOne() throws Exception {
        makeEntries("/d", 4);
        assertEquals(List.of("e02", "e03"), names(hdfs.list(page("/d", "e01x", 0))));
        assertEquals(List.of(), names(hdfs.list(page("/d", "zzz", 0))));
    }

    @Test
    void limitZeroMeansThePolicyPageSizeAndLargeLimitsAreCapped() throws Exception {
        makeEntries("/d", 10);
        assertEquals(4, hdfs.list(page("/d", "", 0)).getEntriesCount());
        assertEquals(6, hdfs.list(page("/d", "", 1000)).getEntriesCount());
        assertEquals(6, hdfs.list(page("/d", "", -1)).getEntriesCount(), "uint32 max is capped too");
    }

    @Test
    void everyEntryIsSeenOnceAcrossPages() throws Exception {
        makeEntries("/d", 25);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(String.format("e%02d", i));
        }
        assertEquals(expected, hdfs.names("/d"));
    }

    @Test
    void emptyDirectoryListsNothing() throws Exception {
        hdfs.mkdirs("/d");
        ListStatusResponse r = hdfs.list("/d");
        assertEquals(0, r.getEntriesCount());
        assertFalse(r.getHasMore());
    }

    @Test
    void listingAFileGivesThatFileAlone() throws Exception {
        hdfs.mkdirs("/d");
        hdfs.create("/d/f");
        ListStatusResponse r = hdfs.list("/d/f");
        assertEquals(List.of(hdfs.stat("/d/f")), r.getEntriesList());
        assertFalse(r.getHasMore());
    }

    @Test
    void listingAMissingPathIsFileNotFound() {
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.list("/nothing"));
    }

    @Test
    void listingDoesNotSeeOtherDirectoriesEntries() throws Exception {
        hdfs.mkdirs("/a/inner");
        hdfs.mkdirs("/b");
        hdfs.create("/b/f");
        assertEquals(List.of("inner"), hdfs.names("/a"));
        assertEquals(List.of("f"), hdfs.names("/b"));
    }
}
