package io.hydrafs.meta.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers for store tests: readable keys, committing in one line, draining scans. */
final class StoreFixture {
    private StoreFixture() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** Commits "key=value" puts (or "-key" deletes) to one table as the entry at (term 1, index). */
    static void commit(RocksMetaStore store, long index, Table table, String... writes) {
        try (StoreBatch batch = store.newBatch()) {
            for (String write : writes) {
                if (write.startsWith("-")) {
                    batch.delete(table, utf8(write.substring(1)));
                } else {
                    String[] kv = write.split("=", 2);
                    batch.put(table, utf8(kv[0]), utf8(kv[1]));
                }
            }
            store.commit(batch, 1, index, 0);
        }
    }

    /** Drains and closes a scan into "key=value" strings, in scan order. */
    static List<String> drain(MetaReader.ScanIterator scan) {
        List<String> entries = new ArrayList<>();
        try (scan) {
            while (scan.hasNext()) {
                KeyValue kv = scan.next();
                entries.add(text(kv.key()) + "=" + text(kv.value()));
            }
        }
        return entries;
    }

    /** Drains and closes a scan into its keys as text, in scan order. */
    static List<String> keys(MetaReader.ScanIterator scan) {
        return drainKeys(scan).stream().map(StoreFixture::text).toList();
    }

    /** Drains and closes a scan into its raw keys, in scan order. */
    static List<byte[]> drainKeys(MetaReader.ScanIterator scan) {
        List<byte[]> keys = new ArrayList<>();
        try (scan) {
            scan.forEachRemaining(kv -> keys.add(kv.key()));
        }
        return keys;
    }

    /** The whole table as "key=value" strings. */
    static List<String> scanAll(MetaReader reader, Table table) {
        return drain(reader.scan(table, new byte[0], null));
    }

    /** The keys of the whole table as text. */
    static List<String> keysOf(MetaReader reader, Table table) {
        return keys(reader.scan(table, new byte[0], null));
    }
}
