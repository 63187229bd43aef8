package io.hydrafs.protocol.http;

import com.codahale.metrics.MetricRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a status server answers, as a plain function of method and request target (no sockets,
 * so it is tested directly):
 *
 * <ul>
 *   <li>{@code GET /metrics}: the registry as JSON ({@link MetricsJson});</li>
 *   <li>{@code GET /metrics?format=prometheus} and {@code GET /metrics/prometheus}: Prometheus
 *       text format 0.0.4 ({@link PrometheusText});</li>
 *   <li>{@code GET /health}: 200 {@code {"status":"OK"}} when the check passes, else 503
 *       {@code {"status":"UNHEALTHY","reason":...}};</li>
 *   <li>{@code GET <path>} of an extra page: whatever its supplier renders;</li>
 *   <li>any other path 404, any other method 405.</li>
 * </ul>
 *
 * <p>A page, gauge or health check that throws is answered 500 with a generic message (and
 * logged here): clients never see a stack trace or exception text, which may leak internals.
 * Paths match exactly, without percent-decoding or a trailing slash.
 */
public final class StatusRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(StatusRoutes.class);
    private static final Set<String> BUILT_IN = Set.of("/metrics", "/metrics/prometheus", "/health");

    private final MetricRegistry metrics;
    private final HealthCheck health;
    private final Map<String, Supplier<HttpPage>> pages;

    /**
     * @param pages extra pages by exact path (e.g. {@code "/"} for a status page); a path must
     *              start with {@code /} and not be one of the built-in ones
     */
    public StatusRoutes(MetricRegistry metrics, HealthCheck health, Map<String, Supplier<HttpPage>> pages) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.health = Objects.requireNonNull(health, "health");
        for (String path : pages.keySet()) {
            if (!path.startsWith("/") || path.contains("?") || BUILT_IN.contains(path)) {
                throw new IllegalArgumentException("not a usable path for an extra status page: '" + path + "'");
            }
        }
        this.pages = Map.copyOf(new LinkedHashMap<>(pages));
    }

    /** A server with metrics and health only. */
    public StatusRoutes(MetricRegistry metrics, HealthCheck health) {
        this(metrics, health, Map.of());
    }

    /** The answer to {@code method target}, e.g. {@code GET /metrics?format=prometheus}. Never throws. */
    public HttpPage route(String method, String target) {
        String path = target;
        String query = "";
        int q = target.indexOf('?');
        if (q >= 0) {
            path = target.substring(0, q);
            query = target.substring(q + 1);
        }
        boolean known = BUILT_IN.contains(path) || pages.containsKey(path);
        if (!known) {
            return HttpPage.error(404, "no such page");
        }
        if (!"GET".equals(method)) {
            return HttpPage.error(405, "only GET is supported");
        }
        try {
            return render(path, query);
        } catch (RuntimeException e) {
            LOG.warn("rendering status page {} failed", path, e);
            return HttpPage.error(500, "internal error");
        }
    }

    private HttpPage render(String path, String query) {
        switch (path) {
            case "/metrics":
                return "prometheus".equals(queryParam(query, "format")) ? prometheus() : HttpPage.json(MetricsJson.render(metrics));
            case "/metrics/prometheus":
                return prometheus();
            case "/health":
                return health();
            default:
                HttpPage page = pages.get(path).get();
                return Objects.requireNonNull(page, "the status page supplier of " + path + " returned null");
        }
    }

    private HttpPage prometheus() {
        return new HttpPage(200, PrometheusText.CONTENT_TYPE, PrometheusText.render(metrics));
    }

    private HttpPage health() {
        Health h;
        try {
            h = Objects.requireNonNull(health.check(), "a health check returned null");
        } catch (RuntimeException e) {
            LOG.warn("health check failed with an exception", e);
            h = Health.failing("health check failed");
        }
        JsonWriter json = new JsonWriter().beginObject().field("status", h.healthy() ? "OK" : "UNHEALTHY");
        if (!h.healthy()) {
            json.field("reason", h.reason());
        }
        return new HttpPage(h.healthy() ? 200 : 503, HttpPage.JSON, json.endObject().toJson());
    }

    /** The first value of {@code name} in a query string; parameters here need no decoding. */
    static String queryParam(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        return null;
    }
}
