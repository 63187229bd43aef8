package io.hydrafs.protocol.http;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metered;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;

import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Dropwizard {@link MetricRegistry} as one JSON object, grouped by kind and sorted by
 * name:
 *
 * <pre>{@code
 * {"gauges":     {"name": {"value": 3}},
 *  "counters":   {"name": {"count": 7}},
 *  "histograms": {"name": {"count": 5, "min": 1, "max": 9, "mean": 4.2, "stddev": 2.1,
 *                          "p50": 4, "p75": 6, "p95": 9, "p98": 9, "p99": 9, "p999": 9}},
 *  "meters":     {"name": {"count": 5, "mean_rate": 0.3, "m1_rate": 0.2, "m5_rate": 0.1,
 *                          "m15_rate": 0.0, "rate_unit": "events/second"}},
 *  "timers":     {"name": {"count": 5, <histogram fields in ms>, <meter rates>,
 *                          "duration_unit": "milliseconds", "rate_unit": "calls/second"}}}
 * }</pre>
 *
 * <p>Gauge values: numbers and booleans as themselves, anything else as its string; a gauge that
 * throws is written as {@code null} rather than failing the page (one broken gauge must not hide
 * the others). Percentiles come from each metric's reservoir, so they describe recent samples.
 */
public final class MetricsJson {
    private static final double NANOS_PER_MS = TimeUnit.MILLISECONDS.toNanos(1);

    private MetricsJson() {
    }

    public static String render(MetricRegistry registry) {
        JsonWriter json = new JsonWriter().beginObject();

        json.name("gauges").beginObject();
        for (Map.Entry<String, Gauge> e : registry.getGauges().entrySet()) {
            json.name(e.getKey()).beginObject().name("value");
            gaugeValue(json, e.getValue());
            json.endObject();
        }
        json.endObject();

        json.name("counters").beginObject();
        for (Map.Entry<String, Counter> e : registry.getCounters().entrySet()) {
            json.name(e.getKey()).beginObject().field("count", e.getValue().getCount()).endObject();
        }
        json.endObject();

        json.name("histograms").beginObject();
        for (Map.Entry<String, Histogram> e : registry.getHistograms().entrySet()) {
            json.name(e.getKey()).beginObject().field("count", e.getValue().getCount());
            snapshot(json, e.getValue().getSnapshot(), 1.0);
            json.endObject();
        }
        json.endObject();

        json.name("meters").beginObject();
        for (Map.Entry<String, Meter> e : registry.getMeters().entrySet()) {
            json.name(e.getKey()).beginObject().field("count", e.getValue().getCount());
            rates(json, e.getValue());
            json.field("rate_unit", "events/second").endObject();
        }
        json.endObject();

        json.name("timers").beginObject();
        SortedMap<String, Timer> timers = registry.getTimers();
        for (Map.Entry<String, Timer> e : timers.entrySet()) {
            Timer t = e.getValue();
            json.name(e.getKey()).beginObject().field("count", t.getCount());
            snapshot(json, t.getSnapshot(), NANOS_PER_MS);
            rates(json, t);
            json.field("duration_unit", "milliseconds").field("rate_unit", "calls/second").endObject();
        }
        json.endObject();

        return json.endObject().toJson();
    }

    private static void gaugeValue(JsonWriter json, Gauge<?> gauge) {
        Object v;
        try {
            v = gauge.getValue();
        } catch (RuntimeException e) {
            v = null;
        }
        if (v == null) {
            json.nullValue();
        } else if (v instanceof Number n) {
            if (isIntegral(n)) {
                json.value(n.longValue());
            } else {
                json.value(n.doubleValue());
            }
        } else if (v instanceof Boolean b) {
            json.value(b);
        } else {
            json.value(v.toString());
        }
    }

    static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof java.util.concurrent.atomic.AtomicLong
                || n instanceof java.util.concurrent.atomic.AtomicInteger;
    }

    /** Snapshot fields, each value divided by {@code divisor} (to turn timer nanoseconds into ms). */
    private static void snapshot(JsonWriter json, Snapshot s, double divisor) {
        json.field("min", s.getMin() / divisor)
                .field("max", s.getMax() / divisor)
                .field("mean", s.getMean() / divisor)
                .field("stddev", s.getStdDev() / divisor)
                .field("p50", s.getMedian() / divisor)
                .field("p75", s.get75thPercentile() / divisor)
                .field("p95", s.get95thPercentile() / divisor)
                .field("p98", s.get98thPercentile() / divisor)
                .field("p99", s.get99thPercentile() / divisor)
                .field("p999", s.get999thPercentile() / divisor);
    }

    private static void rates(JsonWriter json, Metered m) {
        json.field("mean_rate", m.getMeanRate())
                .field("m1_rate", m.getOneMinuteRate())
                .field("m5_rate", m.getFiveMinuteRate())
                .field("m15_rate", m.getFifteenMinuteRate());
    }
}
