package io.hydrafs.compute.shuffle;

import io.hydrafs.compute.sort.MapOutputFile;
import io.hydrafs.compute.sort.RawRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShuffleServerFetcherTest {
    private static final String HOST = "127.0.0.1";
    private static final String JOB = "job_0001";
    private static final int MAX_PARALLEL = 3;

    @TempDir
    Path mapSide;
    @TempDir
    Path reduceSide;

    private MapOutputStore store;
    private ShuffleServer server;
    private ShuffleFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        store = new MapOutputStore(mapSide);
        server = ShuffleServer.start(HOST, 0, store);
        fetcher = new ShuffleFetcher(MAX_PARALLEL, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    private MapOutputLocation location(int map, int attempt) {
        return new MapOutputLocation(JOB, map, attempt, HOST, server.port());
    }

    private static long await(CompletableFuture<Long> fetch) throws Exception {
        return fetch.get(30, TimeUnit.SECONDS);
    }

    /** Waits for a fetch that must fail and returns its exception. */
    private static ShuffleFetchException failure(CompletableFuture<Long> fetch) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> fetch.get(30, TimeUnit.SECONDS));
        return assertInstanceOf(ShuffleFetchException.class, e.getCause());
    }

    @Test
    void everyPartitionArrivesByteForByteAndReadsAsARun() throws Exception {
        MapOutputFile output = MapOutputs.write(store, JOB, 2, 1, new int[] {500, 20, 0, 1200}, 40);

        for (int p = 0; p < output.partitions(); p++) {
            Path target = reduceSide.resolve("segment-" + p);
            long bytes = await(fetcher.fetch(location(2, 1), p, target));

            assertEquals(output.segmentBytes(p), bytes);
            assertArrayEquals(MapOutputs.segment(output, p), Files.readAllBytes(target));
            List<RawRecord> fetched = MapOutputs.records(target, bytes);
            assertEquals(new int[] {500, 20, 0, 1200}[p], fetched.size());
            MapOutputFile asOutput = FetchedSegments.asMapOutput(target, bytes, p, output.partitions());
            assertEquals(bytes, asOutput.segmentBytes(p));
            assertEquals(fetched.size(), MapOutputs.records(asOutput, p).size());
        }
    }

    @Test
    void emptyPartitionArrivesAsAnEmptyFile() throws Exception {
        MapOutputs.write(store, JOB, 0, 0, new int[] {3, 0}, 10);
        Path target = reduceSide.resolve("empty");

        assertEquals(0L, await(fetcher.fetch(location(0, 0), 1, target)));
        assertTrue(Files.exists(target));
        assertEquals(0L, Files.size(target));
    }

    @Test
    void unknownJobMapOrAttemptFailsNamingTheLocation() throws Exception {
        MapOutputs.write(store, JOB, 0, 0, new int[] {3}, 10);
        List<MapOutputLocation> unknown = List.of(
                new MapOutputLocation("job_other", 0, 0, HOST, server.port()), location(1, 0), location(0, 1));

        for (MapOutputLocation where : unknown) {
            Path target = reduceSide.resolve("t");
            ShuffleFetchException e = failure(fetcher.fetch(where, 0, target));

            assertEquals(where, e.location());
            assertTrue(e.outputMissing(), e.getMessage());
            assertTrue(e.getMessage().contains(where.toString()) && e.getMessage().contains("404"), e.getMessage());
            assertFalse(Files.exists(target));
        }
    }

    @Test
    void partitionBeyondTheOutputIsMissing() throws Exception {
        MapOutputs.write(store, JOB, 0, 0, new int[] {3, 3}, 10);

        ShuffleFetchException e = failure(fetcher.fetch(location(0, 0), 2, reduceSide.resolve("t")));

        assertTrue(e.outputMissing());
        assertTrue(e.getMessage().contains("has 2 partitions"), e.getMessage());
    }

    @Test
    void malformedRequestsAreAnswered400AndTheServerKeepsServing() throws Exception {
        MapOutputFile output = MapOutputs.write(store, JOB, 0, 0, new int[] {7}, 10);
        String base = "http://" + HOST + ":" + server.port();
        HttpClient http = HttpClient.newHttpClient();
        List<String> malformed = List.of(
                "/mapOutput?job=..&map=0&attempt=0&partition=0",
                "/mapOutput?job=a%2F..%2Fb&map=0&attempt=0&partition=0",
                "/mapOutput?job=" + JOB + "&map=-1&attempt=0&partition=0",
                "/mapOutput?job=" + JOB + "&map=0&attempt=0",
                "/mapOutput?job=" + JOB + "&map=0&attempt=0&partition=0&partition=1",
                "/mapOutput?job=" + JOB + "&map=0&attempt=99999999999&partition=0",
                "/mapOutput?job=" + JOB + "&map=x&attempt=0&partition=0",
                "/elsewhere?job=" + JOB + "&map=0&attempt=0&partition=0");

        for (String uri : malformed) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + uri)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), uri + ": " + r.body());
            assertFalse(r.body().isBlank(), uri);
        }
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + SegmentRequest.PATH))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());

        HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(URI.create(base + new SegmentRequest(JOB, 0, 0, 0)
                .toUri())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, ok.statusCode());
        assertArrayEquals(MapOutputs.segment(output, 0), ok.body());
        assertEquals(7, MapOutputs.records(writeTo(ok.body()), ok.body().length).size());
    }

    private Path writeTo(byte[] bytes) throws IOException {
        return Files.write(reduceSide.resolve("curl"), bytes);
    }

    @Test
    void aCorruptSegmentFailsTheFetchAndLeavesNoTarget() throws Exception {
        MapOutputFile output = MapOutputs.write(store, JOB, 0, 0, new int[] {50, 50}, 20);
        byte[] file = Files.readAllBytes(output.file());
        file[(int) output.offsets()[1] + 5] ^= 0x10;   // rot on disk after the map registered it
        Files.write(output.file(), file);
        Path target = reduceSide.resolve("t");

        ShuffleFetchException e = failure(fetcher.fetch(location(0, 0), 1, target));

        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertFalse(Files.exists(target));
        await(fetcher.fetch(location(0, 0), 0, target)); // the other segment is intact
    }

    @Test
    void aServerHangingUpMidSegmentFailsTheFetchAndLeavesNoTarget() throws Exception {
        byte[] half = new byte[500];
        byte[] answer = concat(ScriptedHttpServer.okHeaders(1_000, 0), half);
        Path target = reduceSide.resolve("t");
        try (ScriptedHttpServer killed = new ScriptedHttpServer(answer, true)) {
            MapOutputLocation where = new MapOutputLocation(JOB, 0, 0, HOST, killed.port());

            ShuffleFetchException e = failure(fetcher.fetch(where, 0, target));

            assertEquals(where, e.location());
            assertTrue(e.getMessage().contains("500") || e.getMessage().contains("closed"), e.getMessage());
            assertFalse(Files.exists(target));
        }
    }

    @Test
    void aStalledServerTimesOutAndLeavesNoTarget() throws Exception {
        byte[] answer = concat(ScriptedHttpServer.okHeaders(1_000, 0), new byte[10]);
        Path target = reduceSide.resolve("t");
        try (ShuffleFetcher impatient = new ShuffleFetcher(1, Duration.ofMillis(300));
             ScriptedHttpServer stalled = new ScriptedHttpServer(answer, false)) {
            MapOutputLocation where = new MapOutputLocation(JOB, 0, 0, HOST, stalled.port());

            ShuffleFetchException e = failure(impatient.fetch(where, 0, target));

            assertTrue(e.getMessage().contains("stalled"), e.getMessage());
            assertFalse(Files.exists(target));
        }
    }

    @Test
    void aClosedServerFailsTheFetch() throws Exception {
        MapOutputs.write(store, JOB, 0, 0, new int[] {5}, 10);
        MapOutputLocation where = location(0, 0);
        server.close();

        ShuffleFetchException e = failure(fetcher.fetch(where, 0, reduceSide.resolve("t")));

        assertFalse(e.outputMissing());
        assertFalse(Files.exists(reduceSide.resolve("t")));
    }

    @Test
    void closingTheServerDuringFetchesLeavesOnlyWholeSegments() throws Exception {
        MapOutputFile output = MapOutputs.write(store, JOB, 0, 0, new int[] {60, 60, 60, 60}, 100 * 1024);
        List<CompletableFuture<Long>> fetches = new ArrayList<>();
        for (int p = 0; p < output.partitions(); p++) {
            fetches.add(fetcher.fetch(location(0, 0), p, reduceSide.resolve("seg-" + p)));
        }

        server.close();

        for (int p = 0; p < output.partitions(); p++) {
            Path target = reduceSide.resolve("seg-" + p);
            try {
                await(fetches.get(p));
                assertArrayEquals(MapOutputs.segment(output, p), Files.readAllBytes(target));
            } catch (ExecutionException e) {
                assertInstanceOf(ShuffleFetchException.class, e.getCause());
                assertFalse(Files.exists(target), "no partial segment " + p);
            }
        }
    }

    @Test
    void manyFetchesRunAtMostMaxParallelAtOnceAndAllArrive() throws Exception {
        int maps = 12;
        int partitions = 4;
        List<MapOutputFile> outputs = new ArrayList<>();
        for (int m = 0; m < maps; m++) {
            outputs.add(MapOutputs.write(store, JOB, m, 0, new int[] {300, 300, 300, 300}, 100));
        }
        List<CompletableFuture<Long>> fetches = new ArrayList<>();
        for (int m = 0; m < maps; m++) {
            for (int p = 0; p < partitions; p++) {
                fetches.add(fetcher.fetch(location(m, 0), p, reduceSide.resolve(m + "-" + p)));
            }
        }

        CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertTrue(fetcher.peakActiveFetches() <= MAX_PARALLEL, "peak " + fetcher.peakActiveFetches());
        assertEquals(0, fetcher.activeFetches());
        for (int m = 0; m < maps; m++) {
            for (int p = 0; p < partitions; p++) {
                assertArrayEquals(MapOutputs.segment(outputs.get(m), p),
                        Files.readAllBytes(reduceSide.resolve(m + "-" + p)));
            }
        }
    }

    @Test
    void removeJobDeletesItsFilesAndLaterFetchesFail() throws Exception {
        MapOutputFile output = MapOutputs.write(store, JOB, 0, 0, new int[] {5}, 10);
        MapOutputs.write(store, "job_0002", 0, 0, new int[] {5}, 10);

        store.removeJob(JOB);

        assertFalse(Files.exists(output.file()));
        assertFalse(Files.exists(mapSide.resolve(JOB)));
        assertTrue(store.find(JOB, 0, 0).isEmpty());
        assertTrue(failure(fetcher.fetch(location(0, 0), 0, reduceSide.resolve("t"))).outputMissing());
        assertTrue(store.find("job_0002", 0, 0).isPresent());
    }

    @Test
    void aLargeSegmentArrivesIntact() throws Exception {
        MapOutputFile output = MapOutputs.write(store, JOB, 0, 0, new int[] {1, 200, 1}, 100 * 1024);
        assertTrue(output.segmentBytes(1) >= 20_000_000L);
        Path target = reduceSide.resolve("large");

        long bytes = await(fetcher.fetch(location(0, 0), 1, target));

        assertEquals(output.segmentBytes(1), bytes);
        assertEquals(crc(MapOutputs.segment(output, 1)), crc(Files.readAllBytes(target)));
    }

    @Test
    void closingTheFetcherFailsFetchesStillWaiting() throws Exception {
        byte[] answer = ScriptedHttpServer.okHeaders(1_000, 0);
        try (ShuffleFetcher single = new ShuffleFetcher(1, Duration.ofSeconds(30));
             ScriptedHttpServer stalled = new ScriptedHttpServer(answer, false)) {
            MapOutputLocation where = new MapOutputLocation(JOB, 0, 0, HOST, stalled.port());
            CompletableFuture<Long> running = single.fetch(where, 0, reduceSide.resolve("a"));
            CompletableFuture<Long> waiting = single.fetch(where, 1, reduceSide.resolve("b"));

            single.close();

            assertTrue(failure(waiting).getMessage().contains("closed"));
            failure(running);
            assertFalse(Files.exists(reduceSide.resolve("a")));
        }
    }

    private static long crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
