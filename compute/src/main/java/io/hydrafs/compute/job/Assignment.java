package io.hydrafs.compute.job;

import io.hydrafs.compute.input.InputSplit;

/**
 * An attempt handed to a worker: the job's spec (the worker rebuilds the job from it), the
 * split for a map, and for a reduce the number of map outputs it merges.
 */
public record Assignment(AttemptKey attempt, JobSpec spec, InputSplit split, int numMaps) {
}
