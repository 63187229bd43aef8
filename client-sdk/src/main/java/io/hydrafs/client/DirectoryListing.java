package io.hydrafs.client;

import java.util.List;

/**
 * One page of a directory listing, in name order. When {@code hasMore}, the next page starts
 * after the last entry's name (see {@link HydraFileSystem#listStatus(String, String, int)}).
 */
public record DirectoryListing(List<FileStatus> entries, boolean hasMore) {
    public DirectoryListing {
        entries = List.copyOf(entries);
    }

    /** The name to pass as {@code startAfter} for the next page; "" when this page is empty. */
    public String lastName() {
        return entries.isEmpty() ? "" : entries.get(entries.size() - 1).name();
    }
}
