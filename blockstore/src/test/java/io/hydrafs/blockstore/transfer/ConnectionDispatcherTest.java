package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.Packet;
import io.hydrafs.protocol.data.WriteBlockResponse;
import io.hydrafs.protocol.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

import static io.hydrafs.blockstore.transfer.TestBlocks.block;
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
                next.send(DataHeader.newBuilder().setReadBlock(io.hydrafs.protocol.data.ReadBlockRequest.newBuilder()
                        .setBlock(block(1, 1))).build());
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
}
