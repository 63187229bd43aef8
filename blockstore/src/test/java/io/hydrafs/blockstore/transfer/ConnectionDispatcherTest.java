package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.Packet;
import io.hydrafs.protocol.data.ReadBlockRequest;
import io.hydrafs.protocol.data.ReadBlockResponse;
import io.hydrafs.protocol.data.WriteBlockResponse;
import io.hydrafs.protocol.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

import static io.hydrafs.blockstore.transfer.TestBlocks.block;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionDispatcherTest {

    @Test
    void connectionStartingWithAPacketIsRefusedAsMalformedAndClosed() throws Exception {
        try (TransferTestCluster cluster = TransferTestCluster.start(1);
             TestPeer client = cluster.connect(0)) {
            client.send(DataHeader.newBuilder().setPacket(Packet.newBuilder().setSeqno(0)).build());

            WriteBlockResponse answer = client.next().header().getWriteBlockResponse();

            assertEquals(ErrorCode.MALFORMED_REQUEST.number(), answer.getError().getCode());
            client.awaitClosed();
        }
    }

    @Test
    void garbageBytesCloseTheConnectionAndTheServerServesTheNextClient() throws Exception {
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            try (Socket socket = new Socket("127.0.0.1", cluster.location(0).getDataPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                // a frame of 12 bytes whose header length (0x7fffffff) exceeds the frame
                out.write(new byte[] {0, 0, 0, 12, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4, 5, 6, 7, 8});
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] answer = in.readAllBytes(); // until the server closes
                assertTrue(answer.length > 0, "an error answer precedes the close");
            }

            try (TestPeer next = cluster.connect(0)) {
                cluster.store(0).putFinalized(block(1, 1), new byte[100]);
                next.send(readRequest(1));
                assertFalse(next.next().header().getReadBlockResponse().hasError());
            }
        }
    }

    @Test
    void frameLargerThanTheLimitIsRefusedAsTooLarge() throws Exception {
        try (TransferTestCluster cluster = TransferTestCluster.start(1)) {
            try (Socket socket = new Socket("127.0.0.1", cluster.location(0).getDataPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(new byte[] {0x40, 0, 0, 0}); // a 1 GiB frame announced
                socket.getOutputStream().flush();
                byte[] answer = socket.getInputStream().readAllBytes();
                DataHeader header = DataHeader.parseFrom(java.util.Arrays.copyOfRange(answer, 8, answer.length));
                assertEquals(ErrorCode.FRAME_TOO_LARGE.number(), header.getWriteBlockResponse().getError().getCode());
            }
        }
    }

    private static Socket idleConnection(TransferTestCluster cluster) throws Exception {
        Socket socket = new Socket("127.0.0.1", cluster.location(0).getDataPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static DataHeader readRequest(long blockId) {
        return DataHeader.newBuilder().setReadBlock(ReadBlockRequest.newBuilder().setBlock(block(blockId, 1))).build();
    }

    @Test
    void aConnectionThatSendsNoRequestIsClosedAfterTheResponseTimeout() throws Exception {
        TransferSettings impatient = TransferTestCluster.SETTINGS.withResponseTimeoutMs(200);
        try (TransferTestCluster cluster = TransferTestCluster.start(1, impatient);
             Socket silent = idleConnection(cluster)) {

            assertEquals(-1, silent.getInputStream().read(), "closed by the server, no answer");

            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.servers.get(0).connectionsOpen() == 0);
        }
    }

    @Test
    void aRequestBeyondTheConnectionLimitIsAnsweredServerBusyInItsOwnKind() throws Exception {
        TransferSettings two = TransferTestCluster.SETTINGS.withMaxConnections(2);
        try (TransferTestCluster cluster = TransferTestCluster.start(1, two);
             Socket first = idleConnection(cluster);
             Socket second = idleConnection(cluster)) {
            cluster.store(0).putFinalized(block(1, 1), new byte[100]);
            DataTransferServer server = cluster.servers.get(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionsOpen() == 2);

            try (TestPeer third = cluster.connect(0)) {
                third.send(readRequest(1));

                ReadBlockResponse answer = third.next().header().getReadBlockResponse();

                assertEquals(ErrorCode.SERVER_BUSY.number(), answer.getError().getCode());
                third.awaitClosed();
            }

            first.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionsOpen() == 1);
            try (TestPeer later = cluster.connect(0)) {
                later.send(readRequest(1));
                assertFalse(later.next().header().getReadBlockResponse().hasError());
            }
        }
    }
}
