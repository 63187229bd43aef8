package io.hydrafs.compute.job;

/**
 * One entry of a job's map output feed, which reducers read from the position they reached:
 * map {@code mapIndex} attempt {@code attempt} has its output served at {@code host:port},
 * or, when {@code obsolete}, that output is gone and the map will run again.
 */
public record MapOutputEvent(int mapIndex, int attempt, String host, int port, boolean obsolete) {
}
