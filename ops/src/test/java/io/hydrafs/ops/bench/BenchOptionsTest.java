package io.hydrafs.ops.bench;

import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BenchOptionsTest {
    @Test
    void defaultsAreValidAndMatchWorkloadsMd() throws Exception {
        BenchOptions o = BenchOptions.defaults().validate();

        assertEquals(8, o.threads());
        assertEquals("/bench", o.base());
        assertEquals("/warmup", o.warmupBase());
        assertEquals(MetaCounts.of(Scale.SIXTEENTH, 8), o.warmupCounts());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "bench", "/bench/", "/a//b", "/a/../b", "/a/./b", "/warmup", "/warmup/x"})
    void rejectsBaseDirectoriesItMustNotDelete(String base) {
        assertThrows(HydraException.class, () -> BenchOptions.defaults().withBase(base).validate());
    }

    @Test
    void rejectsABaseThatContainsTheWarmupDirectory() {
        BenchOptions o = new BenchOptions(List.of(), Scale.FULL, 8, "/b", true, Scale.SIXTEENTH, "/b/warm");

        assertThrows(HydraException.class, o::validate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "host:", ":9000", "host:0", "host:65536", "host:http", "a b:9000"})
    void rejectsMalformedMetaAddresses(String address) {
        BenchOptions o = new BenchOptions(List.of(address), Scale.FULL, 8, "/bench", true, Scale.SIXTEENTH, "/warmup");

        assertThrows(HydraException.class, o::validate);
    }

    @Test
    void acceptsHostPortMetaAddresses() throws Exception {
        new BenchOptions(List.of("127.0.0.1:9870", "meta-2.example:1"), Scale.FULL, 8, "/bench", true,
                Scale.SIXTEENTH, "/warmup").validate();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1025})
    void rejectsThreadCountsOutOfRange(int threads) {
        assertThrows(HydraException.class, () -> BenchOptions.defaults().withThreads(threads).validate());
    }

    @Test
    void warmupIsNeverBiggerThanTheTimedRound() {
        BenchOptions o = BenchOptions.defaults().withScale(new Scale(1000));

        assertEquals(MetaCounts.of(new Scale(1000), 8), o.warmupCounts());
    }
}
