package io.hydrafs.protocol.http;

import com.codahale.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusRoutesTest {
    private final MetricRegistry metrics = new MetricRegistry();
    private final AtomicReference<Health> health = new AtomicReference<>(Health.ok());

    private StatusRoutes routes(Map<String, Supplier<HttpPage>> pages) {
        return new StatusRoutes(metrics, health::get, pages);
    }

    @Test
    void metricsPathServesJsonAndBothPrometheusSpellingsServeText() {
        metrics.counter("c").inc();
        StatusRoutes routes = routes(Map.of());

        HttpPage json = routes.route("GET", "/metrics");
        HttpPage prom1 = routes.route("GET", "/metrics?format=prometheus");
        HttpPage prom2 = routes.route("GET", "/metrics/prometheus");

        assertEquals(HttpPage.JSON, json.contentType());
        assertTrue(json.body().contains("\"c\":{\"count\":1}"), json.body());
        assertEquals(PrometheusText.CONTENT_TYPE, prom1.contentType());
        assertEquals(prom1, prom2);
        assertTrue(prom1.body().contains("c_total 1"), prom1.body());
    }

    @Test
    void otherFormatParameterStillServesJson() {
        assertEquals(HttpPage.JSON, routes(Map.of()).route("GET", "/metrics?x=1&format=json").contentType());
    }

    @Test
    void healthIsOkOrServiceUnavailableWithTheReason() {
        StatusRoutes routes = routes(Map.of());

        HttpPage ok = routes.route("GET", "/health");
        health.set(Health.failing("no \"leader\" known"));
        HttpPage failing = routes.route("GET", "/health");

        assertEquals(new HttpPage(200, HttpPage.JSON, "{\"status\":\"OK\"}"), ok);
        assertEquals(new HttpPage(503, HttpPage.JSON,
                "{\"status\":\"UNHEALTHY\",\"reason\":\"no \\\"leader\\\" known\"}"), failing);
    }

    @Test
    void healthCheckThatThrowsIsUnhealthyWithoutTheExceptionText() {
        StatusRoutes routes = new StatusRoutes(metrics, () -> {
            throw new IllegalStateException("secret internals");
        });

        HttpPage page = routes.route("GET", "/health");

        assertEquals(503, page.status());
        assertFalse(page.body().contains("secret"), page.body());
    }

    @Test
    void extraPageIsServedAtItsPath() {
        StatusRoutes routes = routes(Map.of("/", () -> HttpPage.html("<p>hi</p>")));

        assertEquals(HttpPage.html("<p>hi</p>"), routes.route("GET", "/"));
    }

    @Test
    void pageThatThrowsIsAnswered500WithoutTheExceptionText() {
        StatusRoutes routes = routes(Map.of("/status", () -> {
            throw new IllegalStateException("secret internals");
        }));

        HttpPage page = routes.route("GET", "/status");

        assertEquals(500, page.status());
        assertFalse(page.body().contains("secret"), page.body());
    }

    @Test
    void unknownPathIsNotFoundAndOtherMethodsAreNotAllowed() {
        StatusRoutes routes = routes(Map.of());

        assertEquals(404, routes.route("GET", "/nope").status());
        assertEquals(404, routes.route("GET", "/metrics/").status());
        assertEquals(405, routes.route("POST", "/metrics").status());
        assertEquals(405, routes.route("HEAD", "/health").status());
    }

    @Test
    void extraPageCannotShadowABuiltInPathOrLackASlash() {
        Supplier<HttpPage> page = () -> HttpPage.text("x");

        assertThrows(IllegalArgumentException.class, () -> routes(Map.of("/health", page)));
        assertThrows(IllegalArgumentException.class, () -> routes(Map.of("status", page)));
    }

    @Test
    void queryParameterIsFoundAmongOthers() {
        assertEquals("prometheus", StatusRoutes.queryParam("a=1&format=prometheus", "format"));
        assertEquals("", StatusRoutes.queryParam("format", "format"));
        assertEquals(null, StatusRoutes.queryParam("", "format"));
    }
}
