package io.hydrafs.compute.sort;

import io.hydrafs.compute.serde.KeyComparator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A k-way merge of sorted sources into one sorted source. Among equal keys, records of an
 * earlier source come first (and each source keeps its own order), so the merge is stable:
 * merging spills in spill order keeps values in arrival order as a single sort would.
 * Closing the merge closes every source.
 */
public final class MergingSource implements RecordSource {
    private final List<RecordSource> sources;
    private final KeyComparator comparator;
    /** The current record of each source; null once the source is exhausted. */
    private final RawRecord[] current;
    /**
     * For unsigned byte order only: each current key's first 8 bytes as an unsigned number
     * (zero-padded). Where they differ they decide the order, so most comparisons of the merge
     * never call the comparator.
     */
    private final long[] prefix;
    private final boolean prefixOrdersKeys;
    /**
     * A binary min-heap of source indexes ordered by (current key, source index). next() replaces
     * the top and sifts it down once, where a PriorityQueue's poll and add sift twice (the merge
     * was a quarter of a sort map's CPU).
     */
    private final int[] heap;
    private int size;

    public MergingSource(List<? extends RecordSource> sources, KeyComparator comparator) throws IOException {
        this.sources = new ArrayList<>(sources);
        this.comparator = comparator;
        this.current = new RawRecord[this.sources.size()];
        this.prefix = new long[this.sources.size()];
        this.prefixOrdersKeys = comparator == KeyComparator.UNSIGNED_BYTES;
        this.heap = new int[this.sources.size()];
        for (int i = 0; i < current.length; i++) {
            current[i] = this.sources.get(i).next();
            if (current[i] != null) {
                prefix[i] = prefixOf(current[i]);
                heap[size++] = i;
            }
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    @Override
    public RawRecord next() throws IOException {
        if (size == 0) {
            return null;
        }
        int top = heap[0];
        RawRecord r = current[top];
        current[top] = sources.get(top).next();
        if (current[top] == null) {
            heap[0] = heap[--size];
        } else {
            prefix[top] = prefixOf(current[top]);
        }
        if (size > 0) {
            siftDown(0);
        }
        return r;
    }

    private long prefixOf(RawRecord r) {
        if (!prefixOrdersKeys) {
            return 0;
        }
        byte[] key = r.key();
        long p = 0;
        for (int i = 0; i < 8; i++) {
            p = (p << 8) | (i < key.length ? key[i] & 0xff : 0);
        }
        return p;
    }

    private boolean less(int a, int b) {
        if (prefix[a] != prefix[b]) {
            return Long.compareUnsigned(prefix[a], prefix[b]) < 0;
        }
        int c = comparator.compare(current[a].key(), current[b].key());
        return c < 0 || (c == 0 && a < b);
    }

    private void siftDown(int at) {
        int moving = heap[at];
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(heap[child + 1], heap[child])) {
                child++;
            }
            if (!less(heap[child], moving)) {
                break;
            }
            heap[at] = heap[child];
            at = child;
        }
        heap[at] = moving;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (RecordSource s : sources) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
