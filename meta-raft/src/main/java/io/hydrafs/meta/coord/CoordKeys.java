package io.hydrafs.meta.coord;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The limits of coordination records and the layout of the COORDINATION table.
 *
 * <p>Every stored key starts with one kind byte, so the spaces never overlap and client keys
 * (always under {@link #RECORD}) can never reach the table's own entries:
 * <ul>
 *   <li>{@code 'r' + key (UTF-8)} -> CoordRecordProto: a client's record;</li>
 *   <li>{@code 's' + name} -> the table's state: the revision counter, the current term and
 *       when it started;</li>
 *   <li>{@code 'd' + blockstore id (UTF-8)} -> empty: a blockstore being decommissioned.</li>
 * </ul>
 *
 * <p>The limits keep one record small next to a log entry: a record is replicated whole on
 * every change, and a coordinator renews its lease every few seconds.
 */
public final class CoordKeys {
    public static final int MAX_KEY_BYTES = 256;
    public static final int MAX_VALUE_BYTES = 64 * 1024;
    public static final int MAX_HOLDER_BYTES = 256;
    public static final long MAX_LEASE_TTL_MS = 3_600_000;

    static final byte RECORD = 'r';
    static final byte STATE = 's';
    static final byte DECOMMISSIONING = 'd';

    static final byte[] REVISION_KEY = stateKey("revision");
    static final byte[] TERM_KEY = stateKey("term");

    private CoordKeys() {
    }

    /** INVALID_ARGUMENT unless the key is 1 to {@link #MAX_KEY_BYTES} bytes of UTF-8. */
    public static void checkKey(String key) throws HydraException {
        checkName("key", key, MAX_KEY_BYTES);
    }

    public static void checkValue(String key, int valueBytes) throws HydraException {
        if (valueBytes > MAX_VALUE_BYTES) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "value of coordination record '" + key + "' has "
                    + valueBytes + " bytes; at most " + MAX_VALUE_BYTES + " are allowed");
        }
    }

    public static void checkHolder(String holder) throws HydraException {
        checkName("lease holder", holder, MAX_HOLDER_BYTES);
    }

    public static void checkTtl(long ttlMs) throws HydraException {
        if (ttlMs <= 0 || ttlMs > MAX_LEASE_TTL_MS) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "lease ttl must be 1 to " + MAX_LEASE_TTL_MS
                    + " ms, got " + ttlMs);
        }
    }

    static void checkName(String what, String name, int maxBytes) throws HydraException {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > maxBytes) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "a coordination " + what + " must have 1 to "
                    + maxBytes + " bytes of UTF-8, got " + bytes);
        }
    }

    static byte[] recordKey(String key) {
        return prefixed(RECORD, key);
    }

    static byte[] decommissioningKey(String blockstoreId) {
        return prefixed(DECOMMISSIONING, blockstoreId);
    }

    /** The blockstore id of a decommissioning entry's key. */
    static String blockstoreIdOf(byte[] decommissioningKey) {
        return new String(decommissioningKey, 1, decommissioningKey.length - 1, StandardCharsets.UTF_8);
    }

    private static byte[] stateKey(String name) {
        return prefixed(STATE, name);
    }

    private static byte[] prefixed(byte kind, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + n.length).put(kind).put(n).array();
    }
}
