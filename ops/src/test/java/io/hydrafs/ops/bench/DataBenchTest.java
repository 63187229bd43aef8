package io.hydrafs.ops.bench;

import io.hydrafs.minicluster.MiniCluster;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataBenchTest {
    @Test
    void everyDataWorkloadPrintsOnePassingLineAtTheSmallScale() throws Exception {
        try (MiniCluster cluster = MiniCluster.builder().metaNodes(3).blockstores(3).start()) {
            StringWriter results = new StringWriter();
            DataBench bench = new DataBench(cluster::newClient, new PrintWriter(results), new PrintWriter(new StringWriter()));

            boolean passed = bench.run(Scale.SIXTEENTH, "/bench", EnumSet.allOf(DataWorkload.class), false);

            List<String> lines = results.toString().lines().toList();
            assertTrue(passed, results.toString());
            assertEquals(3, lines.size(), results.toString());
            assertTrue(lines.get(0).startsWith("{\"workload\":\"data.write\""), lines.get(0));
            assertTrue(lines.get(2).contains("\"write_rate\""), lines.get(2));
            lines.forEach(l -> assertFalse(l.contains("\"ok\":false"), l));
        }
    }

    @Test
    void theInputIsGenDatasRandomKind() {
        byte[] first = RandomInput.generate(16);
        // GenData.java random, seed 42: the first long of SplittableRandom(42), little-endian
        long v = new java.util.SplittableRandom(42).nextLong();
        for (int k = 0; k < 8; k++) {
            assertEquals((byte) (v >>> (8 * k)), first[k]);
        }
    }
}
