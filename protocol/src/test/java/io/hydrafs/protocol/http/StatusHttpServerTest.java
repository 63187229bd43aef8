package io.hydrafs.protocol.http;

import com.codahale.metrics.MetricRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status server over real HTTP on 127.0.0.1, with the JDK's client. */
class StatusHttpServerTest {
    private final MetricRegistry metrics = new MetricRegistry();
    private final AtomicReference<Health> health = new AtomicReference<>(Health.ok());
    private StatusHttpServer server;
    private final ExecutorService clientThreads = Executors.newSingleThreadExecutor();
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        metrics.timer("rpc.server.meta.create").update(3, TimeUnit.MILLISECONDS);
        StatusRoutes routes = new StatusRoutes(metrics, health::get,
                Map.of("/", () -> HttpPage.html("<html>status</html>")));
        server = StatusHttpServer.start("127.0.0.1", 0, routes, null);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        clientThreads.shutdownNow(); // Java 17's HttpClient cannot be closed; its worker threads can
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreServedAsJson() throws Exception {
        HttpResponse<String> r = send("GET", "/metrics");

        assertEquals(200, r.statusCode());
        assertEquals(HttpPage.JSON, r.headers().firstValue("content-type").orElseThrow());
        assertTrue(r.body().contains("\"rpc.server.meta.create\":{\"count\":1,"), r.body());
    }

    @Test
    void metricsAreServedInPrometheusFormatOnBothPaths() throws Exception {
        HttpResponse<String> byPath = send("GET", "/metrics/prometheus");
        HttpResponse<String> byQuery = send("GET", "/metrics?format=prometheus");

        assertEquals(200, byPath.statusCode());
        assertEquals(PrometheusText.CONTENT_TYPE, byPath.headers().firstValue("content-type").orElseThrow());
        assertTrue(byPath.body().contains("rpc_server_meta_create_seconds_count 1\n"), byPath.body());
        assertEquals(byPath.body(), byQuery.body());
    }

    @Test
    void healthIs200WhenTheCheckPassesAnd503WithTheReasonWhenNot() throws Exception {
        HttpResponse<String> ok = send("GET", "/health");
        health.set(Health.failing("no leader known"));
        HttpResponse<String> failing = send("GET", "/health");

        assertEquals(200, ok.statusCode());
        assertEquals("{\"status\":\"OK\"}", ok.body());
        assertEquals(503, failing.statusCode());
        assertTrue(failing.body().contains("no leader known"), failing.body());
    }

    @Test
    void extraPageIsServed() throws Exception {
        HttpResponse<String> r = send("GET", "/");

        assertEquals(200, r.statusCode());
        assertEquals("<html>status</html>", r.body());
    }

    @Test
    void unknownPathIs404AndPostIs405WithAllowHeader() throws Exception {
        HttpResponse<String> missing = send("GET", "/secret");
        HttpResponse<String> post = send("POST", "/metrics");

        assertEquals(404, missing.statusCode());
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("allow").orElseThrow());
    }

    @Test
    void severalRequestsShareOneKeptAliveConnection() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, send("GET", "/health").statusCode());
        }
    }

    @Test
    void malformedRequestIsAnswered400AndTheConnectionClosed() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String answer = readToEnd(s.getInputStream());

            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertFalse(answer.contains("Exception"), answer);
        }
    }

    @Test
    void closedServerRefusesConnections() throws Exception {
        int port = server.port();
        server.close();

        assertThrowsIo(() -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }

    private static String readToEnd(InputStream in) throws IOException {
        // reads until the server closes the connection; the socket timeout bounds a broken server
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void assertThrowsIo(IoAction action) {
        try {
            action.run();
        } catch (IOException expected) {
            return;
        }
        throw new AssertionError("expected the connection to be refused");
    }
}
