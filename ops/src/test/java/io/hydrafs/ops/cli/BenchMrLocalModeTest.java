package io.hydrafs.ops.cli;

import io.hydrafs.minicluster.MiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hydra bench mr.*} against a cluster without a job coordinator: the jobs run in the
 * bench's JVM (LocalJobRunner) and the JSON lines say so, with the coreutils floor beside them.
 */
class BenchMrLocalModeTest {
    @Test
    @Timeout(120)
    void withoutACoordinatorTheJobsRunLocallyAndTheirOutputChecksOut() throws Exception {
        try (MiniCluster cluster = MiniCluster.builder().metaNodes(1).blockstores(3).start()) {
            CliInvocation bench = CliInvocation.of("bench", "mr.all", "--scale", "1/1024", "--meta",
                    cluster.metaAddresses());

            assertEquals(HydraCli.EXIT_OK, bench.exitCode(), bench.toString());
            assertEquals(2, bench.outLines().size(), bench.toString());
            assertTrue(bench.outLines().get(0).startsWith("{\"workload\":\"mr.wordcount\",\"system\":\"hydrafs\","
                    + "\"scale\":\"1/1024\",\"ops\":1,"), bench.toString());
            assertTrue(bench.outLines().get(0).contains("\"distinct_words\":"), bench.toString());
            assertTrue(bench.outLines().get(1).contains("\"records\":10485,"), bench.toString());
            for (String line : bench.outLines()) {
                assertTrue(line.contains("\"mode\":\"local\"") && line.contains("\"ok\":true")
                        && line.contains("\"floor_seconds\":"), line);
            }
        }
    }
}
