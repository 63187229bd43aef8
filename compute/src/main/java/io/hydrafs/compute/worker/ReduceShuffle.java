package io.hydrafs.compute.worker;

import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.MapOutputEvent;
import io.hydrafs.compute.shuffle.MapOutputLocation;
import io.hydrafs.compute.shuffle.ShuffleFetcher;
import io.hydrafs.compute.wire.ComputeWire;
import io.hydrafs.compute.wire.CoordinatorChannel;
import io.hydrafs.protocol.compute.ComputeMethods;
import io.hydrafs.protocol.compute.FetchFailureRequest;
import io.hydrafs.protocol.compute.FetchFailureResponse;
import io.hydrafs.protocol.compute.MapOutputEventsRequest;
import io.hydrafs.protocol.compute.MapOutputEventsResponse;
import io.hydrafs.protocol.error.HydraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A reduce attempt's shuffle: follows its job's map output feed on the coordinator and
 * fetches its partition of every map output into a local run file, several at once.
 * <ul>
 *   <li>An obsolete event withdraws a location not yet fetched; the map's re-run brings a new one.</li>
 *   <li>A failed fetch is reported to the coordinator (which re-runs the map once enough
 *       reduces complain) and retried after {@link #RETRY_AFTER_MS} from the latest location.</li>
 *   <li>A map output fetched once is kept: every attempt of a map writes the same records.</li>
 * </ul>
 * Stops with an IOException when the job stops running, and on interrupt (the attempt killed).
 */
final class ReduceShuffle {
    private static final Logger LOG = LoggerFactory.getLogger(ReduceShuffle.class);
    static final long POLL_MS = 200;
    static final long RETRY_AFTER_MS = 1_000;

    private final CoordinatorChannel coordinator;
    private final ShuffleFetcher fetcher;

    ReduceShuffle(CoordinatorChannel coordinator, ShuffleFetcher fetcher) {
        this.coordinator = coordinator;
        this.fetcher = fetcher;
    }

    /** The run files of {@code reducer}'s partition, one per map in map order, under {@code dir}. */
    List<Path> fetchAll(AttemptKey reducer, int numMaps, Path dir) throws IOException {
        Files.createDirectories(dir);
        String jobId = reducer.jobId();
        int partition = reducer.attempt().task();
        Path[] fetched = new Path[numMaps];
        Map<Integer, MapOutputEvent> known = new HashMap<>();
        Map<Integer, CompletableFuture<Long>> inFlight = new HashMap<>();
        Map<Integer, MapOutputEvent> inFlightFrom = new HashMap<>();
        Map<Integer, Long> retryAt = new HashMap<>();
        int from = 0;
        int done = 0;
        while (done < numMaps) {
            MapOutputEventsResponse feed = coordinator.call(ComputeMethods.MAP_OUTPUT_EVENTS,
                    MapOutputEventsRequest.newBuilder().setJobId(jobId).setFromIndex(from).build(),
                    MapOutputEventsResponse.parser());
            if (!feed.getJobRunning()) {
                throw new IOException("job " + jobId + " is no longer running");
            }
            from = feed.getNextIndex();
            for (io.hydrafs.protocol.compute.MapOutputEvent p : feed.getEventsList()) {
                MapOutputEvent e = ComputeWire.fromProto(p);
                if (e.mapIndex() >= numMaps) {
                    continue;
                }
                if (!e.obsolete()) {
                    known.put(e.mapIndex(), e);
                } else if (known.containsKey(e.mapIndex()) && known.get(e.mapIndex()).attempt() == e.attempt()) {
                    known.remove(e.mapIndex());
                }
            }
            for (Integer m : List.copyOf(inFlight.keySet())) {
                CompletableFuture<Long> f = inFlight.get(m);
                if (!f.isDone()) {
                    continue;
                }
                inFlight.remove(m);
                MapOutputEvent source = inFlightFrom.remove(m);
                Path target = target(dir, source);
                try {
                    f.get();
                    fetched[m] = target;
                    done++;
                } catch (ExecutionException e) {
                    reportFailure(reducer, source, e.getCause());
                    retryAt.put(m, System.currentTimeMillis() + RETRY_AFTER_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("shuffle of " + reducer + " interrupted");
                }
            }
            long now = System.currentTimeMillis();
            for (MapOutputEvent e : known.values()) {
                int m = e.mapIndex();
                if (fetched[m] == null && !inFlight.containsKey(m) && now >= retryAt.getOrDefault(m, 0L)) {
                    MapOutputLocation location = new MapOutputLocation(jobId, m, e.attempt(), e.host(), e.port());
                    inFlight.put(m, fetcher.fetch(location, partition, target(dir, e)));
                    inFlightFrom.put(m, e);
                }
            }
            if (done < numMaps) {
                awaitAny(inFlight, reducer);
            }
        }
        return Arrays.asList(fetched);
    }

    private static Path target(Path dir, MapOutputEvent e) {
        return dir.resolve("map-" + e.mapIndex() + "-" + e.attempt() + ".run");
    }

    /** Waits until a fetch completes or the poll interval passed, whichever is first. */
    private static void awaitAny(Map<Integer, CompletableFuture<Long>> inFlight, AttemptKey reducer)
            throws InterruptedIOException {
        try {
            if (inFlight.isEmpty()) {
                Thread.sleep(POLL_MS);
            } else {
                CompletableFuture.anyOf(inFlight.values().toArray(CompletableFuture[]::new))
                        .get(POLL_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("shuffle of " + reducer + " interrupted");
        } catch (ExecutionException | TimeoutException e) {
            // a failed fetch is handled on the next round; a timeout just means poll again
        }
    }

    private void reportFailure(AttemptKey reducer, MapOutputEvent source, Throwable cause) {
        LOG.warn("{}: fetching map {} attempt {} from {}:{} failed: {}", reducer, source.mapIndex(), source.attempt(),
                source.host(), source.port(), cause.toString());
        try {
            coordinator.call(ComputeMethods.REPORT_FETCH_FAILURE, FetchFailureRequest.newBuilder()
                    .setJobId(reducer.jobId()).setMapIndex(source.mapIndex()).setMapAttempt(source.attempt())
                    .setReducer(ComputeWire.toProto(reducer)).setError(String.valueOf(cause)).build(),
                    FetchFailureResponse.parser());
        } catch (HydraException e) {
            LOG.warn("{}: could not report the fetch failure: {}", reducer, e.toString());
        }
    }
}
