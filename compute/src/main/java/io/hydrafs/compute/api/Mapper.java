package io.hydrafs.compute.api;

import java.io.IOException;

/**
 * User code run once per input record of a split. One instance serves exactly one task
 * attempt (the runtime makes a new one per attempt from the job's factory), so fields may hold
 * per-task state: {@link #setup} runs before the first record, {@link #cleanup} after the last
 * one, and neither runs concurrently with {@link #map}.
 *
 * <p>An exception thrown from any method fails the attempt; the runtime retries the task from
 * scratch, discarding everything the failed attempt emitted and counted.
 */
public interface Mapper<KI, VI, KO, VO> {

    default void setup(Context<KO, VO> context) throws IOException {
    }

    void map(KI key, VI value, Context<KO, VO> context) throws IOException;

    default void cleanup(Context<KO, VO> context) throws IOException {
    }
}
