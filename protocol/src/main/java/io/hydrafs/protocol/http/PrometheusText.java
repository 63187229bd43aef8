package io.hydrafs.protocol.http;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Dropwizard {@link MetricRegistry} in the Prometheus text exposition format, version
 * 0.0.4 (content type {@value #CONTENT_TYPE}), so a Prometheus server can scrape a node directly.
 *
 * <p>Mapping, following Prometheus naming conventions (base units, {@code _total} counters):
 * <ul>
 *   <li>names are sanitised: every character outside {@code [a-zA-Z0-9_:]} becomes {@code _}, and
 *       a leading digit gets a {@code _} in front ({@code rpc.server.meta.create} →
 *       {@code rpc_server_meta_create});</li>
 *   <li>counter {@code x} → counter {@code x_total}; meter {@code x} → counter {@code x_total}
 *       (its rates are derivable by Prometheus, so they are not exported);</li>
 *   <li>gauge → gauge, only when its value is a number or boolean (1/0); other gauges (e.g. a role
 *       name) are left out, as the format has no strings;</li>
 *   <li>histogram {@code x} → summary {@code x} with quantiles 0.5, 0.75, 0.95, 0.98, 0.99, 0.999
 *       and {@code x_count}, {@code x_sum};</li>
 *   <li>timer {@code x} → the same summary named {@code x_seconds}, in seconds.</li>
 * </ul>
 * Dropwizard keeps no running sum, so {@code _sum} is the count times the reservoir's mean: exact
 * enough for rate(sum)/rate(count) averages, not an exact total. When two metrics sanitise to the
 * same name, the first (in name order, gauges before counters, histograms, meters, timers) wins
 * and the others are dropped, because duplicate families make the whole scrape invalid.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};
    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final StringBuilder out = new StringBuilder();
    private final Set<String> taken = new HashSet<>();

    private PrometheusText() {
    }

    public static String render(MetricRegistry registry) {
        PrometheusText text = new PrometheusText();
        for (Map.Entry<String, Gauge> e : registry.getGauges().entrySet()) {
            text.gauge(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Counter> e : registry.getCounters().entrySet()) {
            text.counter(e.getKey(), "counter", e.getValue().getCount());
        }
        for (Map.Entry<String, Histogram> e : registry.getHistograms().entrySet()) {
            Histogram h = e.getValue();
            text.summary(sanitise(e.getKey()), e.getKey(), "histogram", h.getCount(), h.getSnapshot(), 1.0);
        }
        for (Map.Entry<String, Meter> e : registry.getMeters().entrySet()) {
            text.counter(e.getKey(), "meter", e.getValue().getCount());
        }
        for (Map.Entry<String, Timer> e : registry.getTimers().entrySet()) {
            Timer t = e.getValue();
            text.summary(sanitise(e.getKey()) + "_seconds", e.getKey(), "timer", t.getCount(), t.getSnapshot(),
                    NANOS_PER_SECOND);
        }
        return text.out.toString();
    }

    /** A Prometheus metric name for any string: {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
    public static String sanitise(String name) {
        StringBuilder b = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == ':';
            b.append(allowed ? c : '_');
        }
        if (b.length() == 0 || (b.charAt(0) >= '0' && b.charAt(0) <= '9')) {
            b.insert(0, '_');
        }
        return b.toString();
    }

    /** A sample value: integers without a fraction, NaN and infinities as the format spells them. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private void gauge(String original, Gauge<?> gauge) {
        Object v;
        try {
            v = gauge.getValue();
        } catch (RuntimeException e) {
            return; // a broken gauge is left out, not allowed to spoil the scrape
        }
        double value;
        if (v instanceof Number n) {
            value = n.doubleValue();
        } else if (v instanceof Boolean b) {
            value = b ? 1 : 0;
        } else {
            return;
        }
        String name = sanitise(original);
        if (!claim(name)) {
            return;
        }
        header(name, original, "gauge", "gauge");
        sample(name, "", value);
    }

    private void counter(String original, String kind, long count) {
        String name = sanitise(original) + "_total";
        if (!claim(name)) {
            return;
        }
        header(name, original, kind, "counter");
        sample(name, "", count);
    }

    private void summary(String name, String original, String kind, long count, Snapshot s, double divisor) {
        if (!claim(name, name + "_count", name + "_sum")) {
            return;
        }
        header(name, original, kind, "summary");
        for (double q : QUANTILES) {
            sample(name, "{quantile=\"" + q + "\"}", s.getValue(q) / divisor);
        }
        sample(name + "_count", "", count);
        sample(name + "_sum", "", count * s.getMean() / divisor);
    }

    private boolean claim(String... names) {
        for (String n : names) {
            if (taken.contains(n)) {
                return false;
            }
        }
        taken.addAll(Set.of(names));
        return true;
    }

    private void header(String name, String original, String kind, String type) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp("Dropwizard " + kind + " " + original))
                .append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String labels, double value) {
        out.append(name).append(labels).append(' ').append(number(value)).append('\n');
    }

    /** HELP text may hold anything but a raw backslash or line break. */
    static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
