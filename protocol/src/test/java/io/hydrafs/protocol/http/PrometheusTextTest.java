package io.hydrafs.protocol.http;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusTextTest {

    @Test
    void namesAreSanitisedToThePrometheusAlphabet() {
        assertEquals("rpc_server_meta_create", PrometheusText.sanitise("rpc.server.meta.create"));
        assertEquals("a:b_c_d", PrometheusText.sanitise("a:b-c d"));
        assertEquals("_9lives", PrometheusText.sanitise("9lives"));
        assertEquals("_", PrometheusText.sanitise(""));
    }

    @Test
    void counterIsExportedWithTotalSuffix() {
        MetricRegistry r = new MetricRegistry();
        r.counter("files.created").inc(3);

        assertEquals("""
                # HELP files_created_total Dropwizard counter files.created
                # TYPE files_created_total counter
                files_created_total 3
                """, PrometheusText.render(r));
    }

    @Test
    void numericAndBooleanGaugesAreExportedOthersAreLeftOut() {
        MetricRegistry r = new MetricRegistry();
        r.register("live", (Gauge<Integer>) () -> 2);
        r.register("leader", (Gauge<Boolean>) () -> true);
        r.register("ratio", (Gauge<Double>) () -> 0.25);
        r.register("role", (Gauge<String>) () -> "LEADER");
        r.register("broken", (Gauge<Integer>) () -> {
            throw new IllegalStateException("boom");
        });

        String text = PrometheusText.render(r);

        assertTrue(text.contains("# TYPE live gauge\nlive 2\n"), text);
        assertTrue(text.contains("# TYPE leader gauge\nleader 1\n"), text);
        assertTrue(text.contains("# TYPE ratio gauge\nratio 0.25\n"), text);
        assertFalse(text.contains("role"), text);
        assertFalse(text.contains("broken"), text);
    }

    @Test
    void timerIsASummaryInSecondsWithQuantilesCountAndSum() {
        MetricRegistry r = new MetricRegistry();
        r.timer("rpc.server.meta.create").update(250, TimeUnit.MILLISECONDS);
        r.timer("rpc.server.meta.create").update(250, TimeUnit.MILLISECONDS);

        String text = PrometheusText.render(r);

        assertTrue(text.startsWith("# HELP rpc_server_meta_create_seconds Dropwizard timer rpc.server.meta.create\n"
                + "# TYPE rpc_server_meta_create_seconds summary\n"
                + "rpc_server_meta_create_seconds{quantile=\"0.5\"} 0.25\n"), text);
        assertTrue(text.contains("rpc_server_meta_create_seconds{quantile=\"0.999\"} 0.25\n"), text);
        assertTrue(text.endsWith("rpc_server_meta_create_seconds_count 2\nrpc_server_meta_create_seconds_sum 0.5\n"),
                text);
    }

    @Test
    void histogramIsASummaryInItsOwnUnitAndMeterIsACounter() {
        MetricRegistry r = new MetricRegistry();
        r.histogram("batch.ops").update(8);
        r.meter("errors").mark(4);

        String text = PrometheusText.render(r);

        assertTrue(text.contains("# TYPE batch_ops summary\nbatch_ops{quantile=\"0.5\"} 8\n"), text);
        assertTrue(text.contains("batch_ops_count 1\nbatch_ops_sum 8\n"), text);
        assertTrue(text.contains("# TYPE errors_total counter\nerrors_total 4\n"), text);
    }

    @Test
    void metricsThatSanitiseToTheSameNameAreExportedOnce() {
        MetricRegistry r = new MetricRegistry();
        r.register("a.b", (Gauge<Integer>) () -> 1);
        r.register("a_b", (Gauge<Integer>) () -> 2);

        String text = PrometheusText.render(r);

        assertEquals(1, text.lines().filter(l -> l.startsWith("# TYPE a_b ")).count(), text);
        assertTrue(text.contains("a_b 1\n"), text);
    }

    @Test
    void specialValuesUseTheFormatsSpelling() {
        assertEquals("NaN", PrometheusText.number(Double.NaN));
        assertEquals("+Inf", PrometheusText.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusText.number(Double.NEGATIVE_INFINITY));
        assertEquals("42", PrometheusText.number(42.0));
        assertEquals("1.5E-4", PrometheusText.number(0.00015));
    }

    @Test
    void helpTextEscapesBackslashAndNewline() {
        assertEquals("a\\\\b\\nc", PrometheusText.escapeHelp("a\\b\nc"));
    }

    @Test
    void everySampleLineIsWellFormed() {
        MetricRegistry r = new MetricRegistry();
        r.counter("c").inc();
        r.register("g-x", (Gauge<Long>) () -> 5L);
        r.timer("t").update(1, TimeUnit.MILLISECONDS);
        r.histogram("h").update(1);
        r.meter("m").mark();

        for (String line : PrometheusText.render(r).lines().toList()) {
            if (!line.startsWith("#")) {
                assertTrue(line.matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{quantile=\"[0-9.]+\"})? [-+0-9.EeNaInf]+"), line);
            }
        }
    }
}
