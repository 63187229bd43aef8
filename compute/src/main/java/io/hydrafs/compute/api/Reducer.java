package io.hydrafs.compute.api;

import java.io.IOException;

/**
 * User code run once per distinct key of a partition, keys in sort order. {@code values} can be
 * iterated once only (they stream from the merged map outputs, never all in memory); values the
 * reducer does not read are skipped. The same lifecycle and failure rules as {@link Mapper}.
 *
 * <p>Used as a combiner too (on map output, before the shuffle): a combiner must then emit
 * the key it was given with a value of the map output type, and be correct however many times
 * it runs (zero, once, or on already combined values), as Hadoop's combiners.
 */
public interface Reducer<KI, VI, KO, VO> {

    default void setup(Context<KO, VO> context) throws IOException {
    }

    void reduce(KI key, Iterable<VI> values, Context<KO, VO> context) throws IOException;

    default void cleanup(Context<KO, VO> context) throws IOException {
    }
}
