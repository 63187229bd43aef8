package io.hydrafs.protocol.http;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsJsonTest {

    @Test
    void emptyRegistryRendersEveryKindAsAnEmptyObject() {
        assertEquals("{\"gauges\":{},\"counters\":{},\"histograms\":{},\"meters\":{},\"timers\":{}}",
                MetricsJson.render(new MetricRegistry()));
    }

    @Test
    void countersAndGaugesAreRenderedByKindAndName() {
        MetricRegistry r = new MetricRegistry();
        r.counter("c.one").inc(7);
        r.register("g.int", (Gauge<Integer>) () -> 3);
        r.register("g.double", (Gauge<Double>) () -> 0.5);
        r.register("g.role", (Gauge<String>) () -> "LEADER");
        r.register("g.flag", (Gauge<Boolean>) () -> true);

        String json = MetricsJson.render(r);

        assertTrue(json.contains("\"gauges\":{\"g.double\":{\"value\":0.5},\"g.flag\":{\"value\":true},"
                + "\"g.int\":{\"value\":3},\"g.role\":{\"value\":\"LEADER\"}}"), json);
        assertTrue(json.contains("\"counters\":{\"c.one\":{\"count\":7}}"), json);
    }

    @Test
    void gaugeThatThrowsIsRenderedAsNullAndTheRestStillAppears() {
        MetricRegistry r = new MetricRegistry();
        r.register("a.broken", (Gauge<Integer>) () -> {
            throw new IllegalStateException("boom");
        });
        r.register("b.fine", (Gauge<Integer>) () -> 1);

        String json = MetricsJson.render(r);

        assertTrue(json.contains("\"a.broken\":{\"value\":null},\"b.fine\":{\"value\":1}"), json);
    }

    @Test
    void timerDurationsAreInMillisecondsWithCountAndPercentiles() {
        MetricRegistry r = new MetricRegistry();
        r.timer("rpc.x").update(4, TimeUnit.MILLISECONDS);
        r.timer("rpc.x").update(4, TimeUnit.MILLISECONDS);

        String json = MetricsJson.render(r);

        assertTrue(json.contains("\"rpc.x\":{\"count\":2,\"min\":4,\"max\":4,\"mean\":4,\"stddev\":0,\"p50\":4,"
                + "\"p75\":4,\"p95\":4,\"p98\":4,\"p99\":4,\"p999\":4,\"mean_rate\":"), json);
        assertTrue(json.contains("\"duration_unit\":\"milliseconds\",\"rate_unit\":\"calls/second\"}"), json);
    }

    @Test
    void metersAndHistogramsCarryTheirCounts() {
        MetricRegistry r = new MetricRegistry();
        r.meter("m").mark(5);
        r.histogram("h").update(10);

        String json = MetricsJson.render(r);

        assertTrue(json.contains("\"meters\":{\"m\":{\"count\":5,\"mean_rate\":"), json);
        assertTrue(json.contains("\"histograms\":{\"h\":{\"count\":1,\"min\":10,\"max\":10,"), json);
    }
}
