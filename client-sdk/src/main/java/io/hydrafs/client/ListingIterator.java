package io.hydrafs.client;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Walks a directory page by page, fetching the next page only when the current one is used
 * up, so a huge directory is never held in memory at once. The first page is fetched by the
 * caller (so "not found" surfaces as a checked error); a failure while fetching a later page
 * is thrown from {@link #hasNext()} / {@link #next()} as an {@link UncheckedIOException}
 * whose cause is the {@link HydraException}.
 *
 * <p>Like HDFS listings, pages are separate reads: entries added or removed between two
 * pages may or may not be seen.
 */
final class ListingIterator implements Iterator<FileStatus> {
    /** Fetches the page of a directory that starts after {@code startAfter}. */
    @FunctionalInterface
    interface PageSource {
        DirectoryListing page(String startAfter) throws HydraException;
    }

    private final PageSource source;
    private DirectoryListing page;
    private int position;

    ListingIterator(DirectoryListing firstPage, PageSource source) {
        this.page = firstPage;
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        while (position == page.entries().size()) {
            if (!page.hasMore()) {
                return false;
            }
            try {
                page = nextPage(page, source);
            } catch (HydraException e) {
                throw new UncheckedIOException(e);
            }
            position = 0;
        }
        return true;
    }

    /** The page after {@code page}, which must have more. */
    static DirectoryListing nextPage(DirectoryListing page, PageSource source) throws HydraException {
        if (page.entries().isEmpty()) {
            // "more" without an entry to continue after would loop forever: a server bug
            throw new HydraException(ErrorCode.INTERNAL, "meta service sent an empty listing page with more to come");
        }
        return source.page(page.lastName());
    }

    @Override
    public FileStatus next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.entries().get(position++);
    }
}
