package io.hydrafs.hadoop;

import io.hydrafs.protocol.error.HydraException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.function.Function;

/**
 * A directory's children as Hadoop's {@link RemoteIterator}, over the SDK's page-by-page
 * iterator: a failure while fetching a later page (the directory deleted meanwhile, say) comes
 * out as the IOException Hadoop code catches, not the SDK's UncheckedIOException.
 */
final class PagedStatusIterator implements RemoteIterator<FileStatus> {
    private final Iterator<io.hydrafs.client.FileStatus> pages;
    private final Function<io.hydrafs.client.FileStatus, FileStatus> toHadoop;

    PagedStatusIterator(Iterator<io.hydrafs.client.FileStatus> pages,
                        Function<io.hydrafs.client.FileStatus, FileStatus> toHadoop) {
        this.pages = pages;
        this.toHadoop = toHadoop;
    }

    @Override
    public boolean hasNext() throws IOException {
        try {
            return pages.hasNext();
        } catch (UncheckedIOException e) {
            throw laterPageFailed(e);
        }
    }

    @Override
    public FileStatus next() throws IOException {
        try {
            return toHadoop.apply(pages.next());
        } catch (UncheckedIOException e) {
            throw laterPageFailed(e);
        }
    }

    private static IOException laterPageFailed(UncheckedIOException e) {
        return e.getCause() instanceof HydraException hydra ? HadoopErrors.translate(hydra) : e.getCause();
    }
}
