package io.hydrafs.compute.sort;

import io.hydrafs.compute.serde.KeyComparator;
import io.hydrafs.compute.serde.TextSerde;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyGroupsTest {

    private static RecordSource source(String... keyValues) {
        Iterator<String> it = List.of(keyValues).iterator();
        return () -> {
            if (!it.hasNext()) {
                return null;
            }
            String[] kv = it.next().split("=");
            return new RawRecord(TextSerde.INSTANCE.toBytes(kv[0]), TextSerde.INSTANCE.toBytes(kv[1]));
        };
    }

    @Test
    void mergeOfSortedSourcesIsSortedAndStableAcrossSources() throws IOException {
        MergingSource merged = new MergingSource(List.of(source("a=1", "c=1", "c=2"), source("b=3", "c=3"),
                source()), KeyComparator.UNSIGNED_BYTES);
        List<String> out = new ArrayList<>();
        for (RawRecord r = merged.next(); r != null; r = merged.next()) {
            out.add(TextSerde.INSTANCE.fromBytes(r.key()) + "=" + TextSerde.INSTANCE.fromBytes(r.value()));
        }
        assertEquals(List.of("a=1", "b=3", "c=1", "c=2", "c=3"), out);
    }

    @Test
    void groupsSkipValuesTheReducerDidNotRead() throws IOException {
        KeyGroups<String> groups = new KeyGroups<>(source("a=1", "a=2", "a=3", "b=4", "c=5", "c=6"),
                KeyComparator.UNSIGNED_BYTES, TextSerde.INSTANCE);
        List<String> seen = new ArrayList<>();
        while (groups.nextGroup()) {
            Iterator<String> values = groups.values().iterator();
            seen.add(TextSerde.INSTANCE.fromBytes(groups.key()) + values.next());  // reads only the first value
        }
        assertEquals(List.of("a1", "b4", "c5"), seen);
        assertEquals(6, groups.records());
    }
}
