package io.hydrafs.compute.sort;

import io.hydrafs.compute.serde.KeyComparator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A k-way merge of sorted sources into one sorted source. Among equal keys, records of an
 * earlier source come first (and each source keeps its own order), so the merge is stable:
 * merging spills in spill order keeps values in arrival order as a single sort would.
 * Closing the merge closes every source.
 */
public final class MergingSource implements RecordSource {
    private final List<RecordSource> sources;
    private final PriorityQueue<Head> heads;

    private record Head(RawRecord record, int source) {
    }

    public MergingSource(List<? extends RecordSource> sources, KeyComparator comparator) throws IOException {
        this.sources = new ArrayList<>(sources);
        this.heads = new PriorityQueue<>(Math.max(1, sources.size()), (a, b) -> {
            int c = comparator.compare(a.record.key(), b.record.key());
            return c != 0 ? c : Integer.compare(a.source, b.source);
        });
        for (int i = 0; i < this.sources.size(); i++) {
            advance(i);
        }
    }

    private void advance(int source) throws IOException {
        RawRecord r = sources.get(source).next();
        if (r != null) {
            heads.add(new Head(r, source));
        }
    }

    @Override
    public RawRecord next() throws IOException {
        Head h = heads.poll();
        if (h == null) {
            return null;
        }
        advance(h.source);
        return h.record;
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
