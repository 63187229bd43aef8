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
    FAILED_TASK_ATTEMPTS,
    /** Map attempts started (job level, distributed runtime), including re-runs and speculative copies. */
    LAUNCHED_MAPS,
    /** Reduce attempts started (job level, distributed runtime). */
    LAUNCHED_REDUCES,
    /** Map attempts started on a worker co-located with a replica of their split (job level). */
    DATA_LOCAL_MAPS,
    /** Map attempts started on a worker holding no replica of their split (job level). */
    OTHER_LOCAL_MAPS,
    /** Speculative copies of slow attempts started (job level). */
    SPECULATIVE_ATTEMPTS,
    /** Attempts stopped by the coordinator or lost with their worker (job level); not failures. */
    KILLED_TASK_ATTEMPTS,
    /** Successful map outputs lost (worker gone, fetch failures) and so run again (job level). */
    RERUN_MAPS
}
