package io.hydrafs.meta.store;

/** One entry returned by a scan. The arrays belong to the caller. */
public record KeyValue(byte[] key, byte[] value) {
}
