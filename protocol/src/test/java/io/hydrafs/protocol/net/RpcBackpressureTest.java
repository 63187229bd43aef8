package io.hydrafs.protocol.net;

import com.google.protobuf.StringValue;
import io.hydrafs.protocol.rpc.RpcResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.hydrafs.protocol.net.RpcFixture.ECHO;
import static io.hydrafs.protocol.net.RpcFixture.request;
import static io.hydrafs.protocol.net.RpcFixture.text;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A connection's calls are bounded on the server: by the calls running and by the answers not yet sent. */
class RpcBackpressureTest {
    private static final String HOLD = "test.hold";
    private static final int MAX_CALLS = 4;

    private final RpcFixture fixture = new RpcFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** Requests of call ids 1..n, each a frame, as one blob written at once. */
    private static byte[] pipelined(String method, int n, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (int id = 1; id <= n; id++) {
            byte[] frame = request(id, method, text).toByteArray();
            out.writeInt(frame.length);
            out.write(frame);
        }
        return bytes.toByteArray();
    }

    @Test
    void callsBeyondTheLimitWaitUntilEarlierOnesAreAnswered() throws Exception {
        ConcurrentLinkedQueue<CompletableFuture<StringValue>> held = new ConcurrentLinkedQueue<>();
        AtomicInteger started = new AtomicInteger();
        RpcServer server = fixture.server(RpcServerOptions.defaults().withMaxCallsPerConnection(MAX_CALLS));
        server.register(HOLD, call -> {
            started.incrementAndGet();
            CompletableFuture<StringValue> answer = new CompletableFuture<>();
            held.add(answer);
            return answer;
        });
        int calls = 50;
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.sendRaw(pipelined(HOLD, calls, "x"));

            await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == MAX_CALLS);
            assertEquals(MAX_CALLS, started.get(), "calls started while the first ones are unanswered");

            held.poll().complete(StringValue.of("done"));
            await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == MAX_CALLS + 1);

            Set<Long> answered = new HashSet<>();
            answered.add(raw.readResponse().getCallId());
            while (answered.size() < calls) {
                CompletableFuture<StringValue> next = held.poll();
                if (next != null) {
                    next.complete(StringValue.of("done"));
                    answered.add(raw.readResponse().getCallId());
                } else {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
            }
            assertEquals(calls, answered.size());
            assertEquals(calls, started.get());
        }
    }

    @Test
    void clientThatDoesNotReadItsAnswersIsNoLongerRead() throws Exception {
        RpcServer server = fixture.server(RpcServerOptions.defaults().withMaxCallsPerConnection(MAX_CALLS));
        AtomicInteger served = new AtomicInteger();
        server.register(HOLD, call -> {
            served.incrementAndGet();
            return CompletableFuture.completedFuture(RpcFixture.parse(call.payload()));
        });
        int calls = 200;
        String big = "y".repeat(256 * 1024); // 50 MiB of answers: far more than the sockets buffer
        byte[] requests = pipelined(HOLD, calls, big);
        try (RawConnection raw = new RawConnection(server.port())) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    raw.sendRaw(requests);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            // Without the limit the server reads all 50 MiB (answers pile up in its memory)
            // and the writer finishes at loopback speed.
            TimeUnit.SECONDS.sleep(2);
            assertFalse(writer.isDone(), "the server read every request although no answer was read");
            assertTrue(served.get() < calls, "served " + served.get());

            for (int i = 0; i < calls; i++) {
                RpcResponse response = raw.readResponse();
                assertEquals(big, text(response));
            }
            writer.get(10, TimeUnit.SECONDS);
            assertEquals(calls, served.get());
        }
    }

    @Test
    void limitIsPerConnection() throws Exception {
        RpcServer server = fixture.server(RpcServerOptions.defaults().withMaxCallsPerConnection(1));
        server.register(HOLD, call -> new CompletableFuture<StringValue>()); // never answers
        try (RawConnection stuck = new RawConnection(server.port())) {
            stuck.sendRaw(pipelined(HOLD, 3, "x"));

            assertEquals("still served", text(RpcFixture.await(
                    fixture.client(server).call(request(1, ECHO, "still served")))));
        }
    }
}
