package io.hydrafs.compute.shuffle;

/**
 * Where the output of one finished map attempt can be fetched: the shuffle server of the
 * worker that ran it. The coordinator hands these to reducers; a reducer fetches its
 * partition of each with a {@link ShuffleFetcher}.
 */
public record MapOutputLocation(String jobId, int mapIndex, int attempt, String host, int port) {

    @Override
    public String toString() {
        return "map output " + jobId + "/m" + mapIndex + "/a" + attempt + " at " + host + ":" + port;
    }
}
