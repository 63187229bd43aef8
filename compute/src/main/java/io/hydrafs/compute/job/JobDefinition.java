package io.hydrafs.compute.job;

import io.hydrafs.compute.runtime.Job;

/**
 * What a job jar provides so that any JVM (the submitter's, the coordinator's, a worker's)
 * can rebuild the same {@link Job} from a {@link JobSpec}: the spec crosses the wire as
 * names and strings, the definition turns it back into mappers, reducers and formats.
 * Implementations need a public no-argument constructor and must be deterministic: every
 * JVM that defines the same spec must get the same splits, partitioner and serdes.
 */
public interface JobDefinition {

    /** The job for {@code spec}: its inputs, output and reducers must be the spec's. */
    Job define(JobSpec spec);
}
