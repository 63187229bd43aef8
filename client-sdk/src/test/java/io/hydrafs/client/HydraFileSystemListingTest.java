package io.hydrafs.client;

import io.hydrafs.client.fake.FakeMetaCluster;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.ListStatusRequest;
import io.hydrafs.protocol.meta.ListStatusResponse;
import io.hydrafs.protocol.meta.MetaMethods;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listing: paging, lazy iteration and how errors surface. */
class HydraFileSystemListingTest extends FileSystemTestBase {
    private static final int PAGE_SIZE = 2;

    /** Serves /d with these child names (sorted), PAGE_SIZE entries per page, from start_after on. */
    private void serveDirectory(String... names) {
        cluster.handle(MetaMethods.LIST_STATUS, (address, request) -> {
            ListStatusRequest list = FakeMetaCluster.payload(request, ListStatusRequest.parser());
            List<String> after = List.of(names).stream().sorted()
                    .filter(n -> n.compareTo(list.getStartAfter()) > 0).toList();
            ListStatusResponse.Builder page = ListStatusResponse.newBuilder().setHasMore(after.size() > PAGE_SIZE);
            after.stream().limit(PAGE_SIZE).forEach(n -> page.addEntries(file(list.getPath() + "/" + n)));
            return page.build();
        });
    }

    private List<String> startAftersSent() {
        return cluster.served(MetaMethods.LIST_STATUS).stream()
                .map(r -> FakeMetaCluster.payload(r.request(), ListStatusRequest.parser()).getStartAfter()).toList();
    }

    private static List<String> names(List<FileStatus> statuses) {
        return statuses.stream().map(FileStatus::name).toList();
    }

    @Test
    void listStatusFollowsPagesUntilTheLast() throws Exception {
        serveDirectory("e", "a", "c", "b", "d");

        List<FileStatus> all = fs.listStatus("/d");

        assertEquals(List.of("a", "b", "c", "d", "e"), names(all));
        assertEquals("/d/a", all.get(0).path());
        assertEquals(List.of("", "b", "d"), startAftersSent());
    }

    @Test
    void listStatusOfAnEmptyDirectoryIsOneCall() throws Exception {
        serveDirectory();

        assertTrue(fs.listStatus("/d").isEmpty());

        assertEquals(1, cluster.served(MetaMethods.LIST_STATUS).size());
    }

    @Test
    void onePageSendsStartAfterAndLimitAndTellsWhetherMoreFollow() throws Exception {
        serveDirectory("a", "b", "c", "d");

        DirectoryListing page = fs.listStatus("/d", "a", 2);

        assertEquals(List.of("b", "c"), names(page.entries()));
        assertTrue(page.hasMore());
        assertEquals(ListStatusRequest.newBuilder().setPath("/d").setStartAfter("a").setLimit(2).build(),
                cluster.lastServed(MetaMethods.LIST_STATUS, ListStatusRequest.parser()));
    }

    @Test
    void aNullStartAfterMeansFromTheStart() throws Exception {
        serveDirectory("a");

        DirectoryListing page = fs.listStatus("/d", null, 0);

        assertFalse(page.hasMore());
        assertEquals("", cluster.lastServed(MetaMethods.LIST_STATUS, ListStatusRequest.parser()).getStartAfter());
    }

    @Test
    void listStatusIteratorFetchesTheNextPageOnlyWhenNeeded() throws Exception {
        serveDirectory("a", "b", "c");

        Iterator<FileStatus> it = fs.listStatusIterator("/d");
        assertEquals(1, cluster.served(MetaMethods.LIST_STATUS).size());
        List<String> seen = new ArrayList<>();
        seen.add(it.next().name());
        seen.add(it.next().name());
        assertEquals(1, cluster.served(MetaMethods.LIST_STATUS).size());
        it.forEachRemaining(s -> seen.add(s.name()));

        assertEquals(List.of("a", "b", "c"), seen);
        assertEquals(List.of("", "b"), startAftersSent());
    }

    @Test
    void listStatusIteratorThrowsAMissingDirectoryAtOnce() {
        cluster.fail(MetaMethods.LIST_STATUS, ErrorCode.FILE_NOT_FOUND, "/d");

        HydraException e = assertThrows(HydraException.class, () -> fs.listStatusIterator("/d"));

        assertEquals(ErrorCode.FILE_NOT_FOUND, e.code());
    }

    @Test
    void aFailedLaterPageSurfacesAsUncheckedIoExceptionWithTheHydraCause() throws Exception {
        serveDirectory("a", "b", "c");
        Iterator<FileStatus> it = fs.listStatusIterator("/d");
        it.next();
        it.next();
        cluster.fail(MetaMethods.LIST_STATUS, ErrorCode.FILE_NOT_FOUND, "/d was deleted");

        UncheckedIOException e = assertThrows(UncheckedIOException.class, it::hasNext);

        HydraException cause = assertInstanceOf(HydraException.class, e.getCause());
        assertEquals(ErrorCode.FILE_NOT_FOUND, cause.code());
    }

    @Test
    void aPageWithMoreButNoEntriesFailsInsteadOfLoopingForever() {
        AtomicInteger calls = new AtomicInteger();
        cluster.handle(MetaMethods.LIST_STATUS, (address, request) -> {
            calls.incrementAndGet();
            return ListStatusResponse.newBuilder().setHasMore(true).build();
        });

        HydraException e = assertThrows(HydraException.class, () -> fs.listStatus("/d"));

        assertEquals(ErrorCode.INTERNAL, e.code());
        assertEquals(1, calls.get());
    }

    @Test
    void aNegativeLimitIsRejectedWithoutACall() {
        HydraException e = assertThrows(HydraException.class, () -> fs.listStatus("/d", "", -1));

        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(cluster.received().isEmpty());
    }
}
