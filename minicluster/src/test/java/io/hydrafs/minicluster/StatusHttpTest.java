package io.hydrafs.minicluster;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.meta.server.MetaNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status HTTP servers of a running cluster: what they count and show about real operations. */
class StatusHttpTest {
    private static final Pattern CREATE_COUNT = Pattern.compile("\"rpc\\.server\\.meta\\.create\":\\{\"count\":(\\d+)");

    private static MiniCluster cluster;
    private static HydraFileSystem fs;
    private static ExecutorService clientThreads;
    private static HttpClient http;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).blockstores(2).start();
        fs = cluster.newClient();
        clientThreads = Executors.newSingleThreadExecutor();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopCluster() {
        if (clientThreads != null) {
            clientThreads.shutdownNow();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static MetaNode leader() {
        return cluster.meta(cluster.awaitLeader(Duration.ofSeconds(30)));
    }

    private static long createCount(MetaNode node) throws Exception {
        Matcher m = CREATE_COUNT.matcher(get(node.httpPort(), "/metrics").body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void leaderMetricsCountTheCreateCallsOfClients() throws Exception {
        MetaNode leader = leader();
        long before = createCount(leader);
        fs.mkdirs("/status-http");

        for (int i = 0; i < 5; i++) {
            try (HydraOutputStream out = fs.create("/status-http/f" + i,
                    CreateOptions.builder().replication(2).build())) {
                out.write(i);
            }
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> createCount(leader) >= before + 5);
        String prometheus = get(leader.httpPort(), "/metrics/prometheus").body();
        assertTrue(prometheus.contains("# TYPE rpc_server_meta_create_seconds summary"), prometheus);
        assertTrue(prometheus.contains("meta_blockstores_live 2\n"), prometheus);
    }

    @Test
    void everyMetaNodeReportsItsStoreAfterApplyingWrites() throws Exception {
        fs.mkdirs("/status-http-store/a/b");
        long applied = leader().appliedIndex();

        for (int i = 0; i < cluster.metaCount(); i++) {
            MetaNode node = cluster.meta(i);
            await().atMost(Duration.ofSeconds(10)).until(() -> node.appliedIndex() >= applied);
            String json = get(node.httpPort(), "/metrics").body();
            assertTrue(gauge(json, "meta.store.keys.estimate") > 0, json);
            assertTrue(gauge(json, "meta.store.cache.entries") > 0, json);
            assertTrue(gauge(json, "meta.store.cache.hits") + gauge(json, "meta.store.cache.misses") > 0, json);
            assertTrue(json.contains("\"meta.store.memtable.bytes\":{\"value\":"), json);
        }
    }

    private static long gauge(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\\{\"value\":(\\d+)").matcher(json);
        assertTrue(m.find(), name + " missing from " + json);
        return Long.parseLong(m.group(1));
    }

    @Test
    void leaderStatusPageShowsRaftStateAndTheBlockstores() throws Exception {
        MetaNode leader = leader();

        HttpResponse<String> page = get(leader.httpPort(), "/");

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        String html = page.body();
        assertTrue(html.contains("<tr><th>Role</th><td>LEADER</td></tr>"), html);
        assertTrue(html.contains("Blockstores: 2 live, 0 dead"), html);
        assertTrue(html.contains("<td>b0</td>") && html.contains("<td>b1</td>"), html);
    }

    @Test
    void everyMetaNodeIsHealthyOnceALeaderIsKnown() throws Exception {
        leader();
        for (int i = 0; i < cluster.metaCount(); i++) {
            int port = cluster.meta(i).httpPort();
            await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/health").statusCode() == 200);
        }
    }

    @Test
    void blockstoreServesItsMetricsAndIsHealthy() throws Exception {
        int port = cluster.blockstore(0).httpPort();

        String json = get(port, "/metrics").body();

        assertTrue(json.contains("\"blockstore.capacity.bytes\":{\"value\":"), json);
        assertTrue(json.contains("\"blockstore.volumes.failed\":{\"value\":0}"), json);
        assertTrue(get(port, "/metrics?format=prometheus").body().contains("# TYPE blockstore_replicas gauge"));
        await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/health").statusCode() == 200);
    }

    @Test
    void unknownPageIsNotFoundOnMetaAndBlockstore() throws Exception {
        assertEquals(404, get(leader().httpPort(), "/nope").statusCode());
        assertEquals(404, get(cluster.blockstore(1).httpPort(), "/").statusCode());
    }
}
