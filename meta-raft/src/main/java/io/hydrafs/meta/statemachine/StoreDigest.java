package io.hydrafs.meta.statemachine;

import io.hydrafs.meta.store.KeyValue;
import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.meta.store.Table;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 over every key and value of every table, in key order, leaving out the SYSTEM keys
 * that describe a replica rather than the namespace (they start with a 0 byte: the applied
 * index). Two replicas that applied the same log prefix have the same digest; tests use it to
 * prove a follower caught up exactly.
 */
public final class StoreDigest {
    private StoreDigest() {
    }

    public static String of(MetaReader r) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Table t : Table.values()) {
            md.update((byte) t.ordinal());
            try (MetaReader.ScanIterator it = r.scan(t, new byte[0], null)) {
                while (it.hasNext()) {
                    KeyValue kv = it.next();
                    if (t == Table.SYSTEM && kv.key().length > 0 && kv.key()[0] == 0) {
                        continue;
                    }
                    md.update(intBytes(kv.key().length));
                    md.update(kv.key());
                    md.update(intBytes(kv.value().length));
                    md.update(kv.value());
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
