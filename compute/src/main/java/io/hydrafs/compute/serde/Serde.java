package io.hydrafs.compute.serde;

/**
 * Turns values of one type into bytes and back, for map output keys and values (the sort
 * buffer, spill files and the shuffle hold bytes only). {@code fromBytes(toBytes(x))} equals
 * {@code x}. Implementations are stateless and thread-safe.
 *
 * <p>A serde used for keys also defines their order through {@link #keyComparator()}: its
 * encoding must make that comparator agree with the order users expect (see {@link LongSerde}).
 */
public interface Serde<T> {

    byte[] toBytes(T value);

    T fromBytes(byte[] bytes, int offset, int length);

    default T fromBytes(byte[] bytes) {
        return fromBytes(bytes, 0, bytes.length);
    }

    /** The order of serialised keys; unsigned byte order unless the encoding needs another. */
    default KeyComparator keyComparator() {
        return KeyComparator.UNSIGNED_BYTES;
    }
}
