package io.hydrafs.compute.api;

/** The counters the runtime keeps itself, in group {@link Counters#TASK_GROUP}. */
public enum TaskCounter {
    MAP_INPUT_RECORDS,
    MAP_OUTPUT_RECORDS,
    COMBINE_INPUT_RECORDS,
    COMBINE_OUTPUT_RECORDS,
    /** Records written to local spill files (each spill and the final merge count again, as Hadoop). */
    SPILLED_RECORDS,
    REDUCE_INPUT_GROUPS,
    REDUCE_INPUT_RECORDS,
    REDUCE_OUTPUT_RECORDS,
    /** Bytes reduce tasks read from map outputs. */
    SHUFFLE_BYTES,
    /** Bytes map tasks read from HydraFS. */
    BYTES_READ,
    /** Bytes reduce tasks wrote to HydraFS. */
    BYTES_WRITTEN,
    /** Task attempts that threw and were retried or gave up (job level). */
    FAILED_TASK_ATTEMPTS
}
