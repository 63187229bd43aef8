package io.hydrafs.ops.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class WorkloadResultTest {
    private static final WorkloadResult.Measurement TWO_SECONDS =
            new WorkloadResult.Measurement(1000, 2_000_000_000L, 0, Latencies.of(1_000_000, 3_000_000));

    @Test
    void passedLineHasThePeersFieldsInThePeersOrderThenOurs() {
        String line = WorkloadResult.passed(MetaWorkload.CREATE, TWO_SECONDS).toJson("hydrafs", Scale.SIXTEENTH, true);

        assertEquals("{\"workload\":\"meta.create\",\"system\":\"hydrafs\",\"scale\":\"1/16\",\"ops\":1000,"
                + "\"seconds\":2.000,\"rate\":500.000,\"unit\":\"files/s\",\"p50_ms\":1.000,\"p99_ms\":3.000,"
                + "\"warmup\":true,\"ok\":true}", line);
    }

    @Test
    void notMeasuredLineCarriesTheErrorAndNoFigure() {
        String line = WorkloadResult.notMeasured(MetaWorkload.STAT, "NOT_LEADER: \"m2\"\nretry", 3)
                .toJson("hydrafs", Scale.FULL, false);

        Map<String, Object> m = JsonObjects.parse(line);
        assertEquals(false, m.get("ok"));
        assertEquals("NOT_LEADER: \"m2\"\nretry", m.get("error"));
        assertEquals(3L, m.get("errors"));
        assertEquals("1/1", m.get("scale"));
        assertFalse(m.containsKey("rate"));
    }

    @Test
    void checkFailedLineKeepsTheFigure() {
        Map<String, Object> m = JsonObjects.parse(WorkloadResult
                .checkFailed(MetaWorkload.DELETE, TWO_SECONDS, "3 files left after delete")
                .toJson("hydrafs", Scale.FULL, false));

        assertEquals(500.0, m.get("rate"));
        assertEquals(false, m.get("ok"));
        assertEquals("3 files left after delete", m.get("error"));
    }

    @Test
    void controlCharactersAreEscaped() {
        String line = new JsonLine().put("k", "a\u0001b\tc\\").put("x", Double.NaN).toString();

        assertEquals("{\"k\":\"a\\u0001b\\tc\\\\\",\"x\":null}", line);
        assertEquals("a\u0001b\tc\\", JsonObjects.parse(line).get("k"));
    }
}
