package io.hydrafs.protocol.net;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.rpc.RpcRequest;
import io.hydrafs.protocol.rpc.RpcResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.hydrafs.protocol.net.RpcFixture.ECHO;
import static io.hydrafs.protocol.net.RpcFixture.assertErrorCode;
import static io.hydrafs.protocol.net.RpcFixture.await;
import static io.hydrafs.protocol.net.RpcFixture.request;
import static io.hydrafs.protocol.net.RpcFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server facing hand-made bytes: the exact wire format, and peers that break it. */
class RpcServerWireTest {
    private static final int FRAME_LIMIT = 1024;

    private final RpcFixture fixture = new RpcFixture();
    private RpcServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = fixture.server(RpcServerOptions.defaults().withMaxFrameBytes(FRAME_LIMIT));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void assertServerStillServesNewClients() throws Exception {
        assertEquals("ok", text(await(fixture.client(server).call(request(1, ECHO, "ok")))));
    }

    @Test
    void frameIsABigEndianLengthFollowedByOneMessage() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.sendFrame(request(5, ECHO, "by hand").toByteArray());

            RpcResponse response = raw.readResponse();

            assertEquals(5, response.getCallId());
            assertEquals("by hand", text(response));
        }
    }

    @Test
    void oversizedRequestIsAnsweredFrameTooLargeUnderItsCallIdAndTheNextFrameIsServed() throws Exception {
        byte[] oversized = requestOfSize(FRAME_LIMIT + 1).toBuilder().setCallId(7).build().toByteArray();
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.sendFrame(oversized);
            raw.sendFrame(request(8, ECHO, "next").toByteArray());

            RpcResponse first = raw.readResponse();
            RpcResponse second = raw.readResponse();

            assertEquals(7, first.getCallId());
            assertErrorCode(ErrorCode.FRAME_TOO_LARGE, first);
            assertEquals(8, second.getCallId());
            assertEquals("next", text(second));
        }
    }

    @Test
    void oversizedFrameNotStartingWithACallIdIsAnsweredFrameTooLargeAndItsConnectionClosed() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.sendFrame(FRAME_LIMIT + 1, new byte[16]);

            RpcResponse response = raw.readResponse();

            assertEquals(0, response.getCallId());
            assertErrorCode(ErrorCode.FRAME_TOO_LARGE, response);
            assertTrue(raw.closedByServer());
        }
        assertServerStillServesNewClients();
    }

    @Test
    void frameOfExactlyTheLimitIsServed() throws Exception {
        byte[] atLimit = requestOfSize(FRAME_LIMIT).toByteArray();
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.sendFrame(atLimit);

            assertEquals(3, raw.readResponse().getCallId());
        }
    }

    private static RpcRequest requestOfSize(int bytes) {
        for (int n = 0; n < bytes; n++) {
            RpcRequest candidate = request(3, ECHO, "x".repeat(n));
            if (candidate.getSerializedSize() == bytes) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no echo request of exactly " + bytes + " bytes");
    }

    @Test
    void frameThatIsNotAnRpcRequestIsAnsweredMalformedRequestAndItsConnectionClosed() throws Exception {
        byte[] notAMessage = new byte[12];
        Arrays.fill(notAMessage, (byte) 0xFF); // a varint that never ends
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.sendFrame(notAMessage);

            RpcResponse response = raw.readResponse();

            assertEquals(0, response.getCallId());
            assertErrorCode(ErrorCode.MALFORMED_REQUEST, response);
            assertTrue(raw.closedByServer());
        }
        assertServerStillServesNewClients();
    }

    @Test
    void garbageBytesDoNotStopTheServer() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.sendRaw("GET / HTTP/1.1\r\nHost: hydra\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            assertErrorCode(ErrorCode.FRAME_TOO_LARGE, raw.readResponse()); // "GET " read as a length
            assertTrue(raw.closedByServer());
        }
        assertServerStillServesNewClients();
    }

    @Test
    void peerVanishingMidFrameDoesNotStopTheServer() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.sendFrame(100, new byte[10]);
        }
        assertServerStillServesNewClients();
    }
}
