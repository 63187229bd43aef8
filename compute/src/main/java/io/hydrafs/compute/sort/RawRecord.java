package io.hydrafs.compute.sort;

/** One serialised map output record. The arrays are owned by the record: nobody mutates them. */
public record RawRecord(byte[] key, byte[] value) {

    /** Bytes this record takes in a run file, without its two length prefixes. */
    public int payloadBytes() {
        return key.length + value.length;
    }
}
