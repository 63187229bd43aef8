package io.hydrafs.compute.examples;

import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.runtime.Job;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples' definitions read everything from the spec and refuse specs they cannot run. */
class ExampleDefinitionsTest {

    private static JobSpec spec(String definition, int reducers, Map<String, String> config) {
        return new JobSpec("t", definition, "", List.of("/in"), "/out", reducers, config);
    }

    @Test
    void splitPointsSurviveTheirTextForm() {
        List<byte[]> points = List.of(new byte[] {0, 1}, new byte[] {(byte) 0x80, -1});

        List<byte[]> parsed = Sort.parseSplitPoints(Sort.formatSplitPoints(points), 3);

        assertEquals(2, parsed.size());
        assertArrayEquals(points.get(0), parsed.get(0));
        assertArrayEquals(points.get(1), parsed.get(1));
    }

    @Test
    void sortRefusesMissingMalformedUnsortedOrMiscountedSplitPoints() {
        String sort = Sort.Definition.class.getName();
        List<Map<String, String>> bad = List.of(Map.of(), Map.of(Sort.SPLIT_POINTS_KEY, "zz"),
                Map.of(Sort.SPLIT_POINTS_KEY, "02,01"), Map.of(Sort.SPLIT_POINTS_KEY, "01"));

        for (Map<String, String> config : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Sort.Definition().define(spec(sort, 3, config)), config.toString());
            assertTrue(e.getMessage().contains(Sort.SPLIT_POINTS_KEY), e.getMessage());
        }
    }

    @Test
    void sortOfAnEmptySampleSendsEverythingToTheFirstReducer() {
        Job job = new Sort.Definition().define(spec(Sort.Definition.class.getName(), 3,
                Map.of(Sort.SPLIT_POINTS_KEY, "")));

        assertEquals(0, job.partitioner().partition(new byte[] {9, 9}, 3));
    }

    @Test
    void grepRefusesAMissingOrInvalidPattern() {
        String grep = Grep.Definition.class.getName();

        assertThrows(IllegalArgumentException.class, () -> new Grep.Definition().define(spec(grep, 1, Map.of())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Grep.Definition().define(spec(grep, 1, Map.of(Grep.PATTERN_KEY, "(unclosed"))));
        assertTrue(e.getMessage().contains(Grep.PATTERN_KEY), e.getMessage());
    }

    @Test
    void definitionsPassTheSpecsConfigToTheJob() {
        Job job = new WordCount.Definition().define(spec(WordCount.Definition.class.getName(), 2,
                Map.of("hydra.compute.sort.buffer.bytes", "65536")));

        assertEquals("65536", job.config().get("hydra.compute.sort.buffer.bytes"));
        assertEquals(2, job.reducers());
        assertEquals(List.of("/in"), job.inputs());
    }
}
