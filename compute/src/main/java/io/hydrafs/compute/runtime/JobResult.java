package io.hydrafs.compute.runtime;

import io.hydrafs.compute.api.Counters;

import java.util.List;

/**
 * A finished, committed job: its counters (successful attempts only, plus the count of failed
 * attempts), how many tasks ran, and the part files now in the output directory.
 */
public record JobResult(String jobName, Counters counters, int mapTasks, int reduceTasks, long elapsedMs,
                        List<String> outputFiles) {

    public JobResult {
        outputFiles = List.copyOf(outputFiles);
    }
}
