package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.InMemoryMetaStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The DENTRIES table's walks: every entry of one directory, in listing order, page by page. */
class DirectoryEntriesTest {
    private final InMemoryMetaStore store = new InMemoryMetaStore();

    private List<String> walk(long dir, int page) {
        List<String> names = new ArrayList<>();
        DirectoryEntries.forEach(store, dir, page, e -> names.add(e.name() + "=" + e.childId()));
        return names;
    }

    @Test
    void forEachVisitsEveryEntryOnceInOrderWhateverThePageSize() {
        for (String name : List.of("d", "b", "e", "a", "c")) {
            DirectoryEntries.put(store, 7, name, name.charAt(0));
        }
        DirectoryEntries.put(store, 8, "other", 99);
        List<String> all = List.of("a=97", "b=98", "c=99", "d=100", "e=101");

        for (int page : new int[] {1, 2, 5, 6, 1024}) {
            assertEquals(all, walk(7, page), "page size " + page);
        }
    }

    @Test
    void forEachOfAnEmptyDirectoryVisitsNothing() {
        DirectoryEntries.put(store, 8, "other", 99);

        assertEquals(List.of(), walk(7, 2));
    }
}
