package io.hydrafs.client.meta;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.hydrafs.client.fake.FakeMetaCluster;
import io.hydrafs.protocol.meta.AppendRequest;
import io.hydrafs.protocol.meta.AppendResponse;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.CommitBlockRecoveryRequest;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.meta.ReportBadReplicaRequest;
import io.hydrafs.protocol.meta.UpdatePipelineRequest;
import io.hydrafs.protocol.meta.UpdatePipelineResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hydrafs.client.fake.FakeMetaCluster.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The typed write-path calls of MetaClient send their method with the request and parse the answer. */
class WritePathCallsTest {
    private static final BlockProto BLOCK = BlockProto.newBuilder().setBlockId(7).setGenerationStamp(1001)
            .setNumBytes(10).build();
    private final FakeMetaCluster cluster = new FakeMetaCluster();
    private final MetaClient client = new MetaClient(cluster.metaConfig(), cluster);

    @AfterEach
    void close() {
        client.close();
    }

    private <T extends Message> T sent(String method, Parser<T> parser) {
        List<FakeMetaCluster.Received> served = cluster.served(method);
        assertEquals(1, served.size());
        return payload(served.get(0).request(), parser);
    }

    @Test
    void appendSendsPathAndClientName() throws Exception {
        AppendResponse answer = AppendResponse.newBuilder().setStatus(FileStatusProto.newBuilder().setPath("/f"))
                .setLast(LocatedBlockProto.newBuilder().setBlock(BLOCK)).build();
        cluster.respond(MetaMethods.APPEND, answer);

        assertEquals(answer, client.append("/f", "c1"));
        assertEquals(AppendRequest.newBuilder().setPath("/f").setClientName("c1").build(),
                sent(MetaMethods.APPEND, AppendRequest.parser()));
    }

    @Test
    void updatePipelineSendsTheBlockAndTheSurvivors() throws Exception {
        UpdatePipelineResponse answer = UpdatePipelineResponse.newBuilder()
                .setBlock(LocatedBlockProto.newBuilder().setBlock(BLOCK).addTargets("bs-2")).build();
        cluster.respond(MetaMethods.UPDATE_PIPELINE, answer);

        assertEquals(answer, client.updatePipeline("/f", 42, "c1", BLOCK, List.of("bs-2")));
        assertEquals(UpdatePipelineRequest.newBuilder().setPath("/f").setFileId(42).setClientName("c1").setBlock(BLOCK)
                .addTargets("bs-2").build(), sent(MetaMethods.UPDATE_PIPELINE, UpdatePipelineRequest.parser()));
    }

    @Test
    void commitBlockRecoveryAndReportBadReplicaSendTheirRequests() throws Exception {
        cluster.respond(MetaMethods.COMMIT_BLOCK_RECOVERY, EmptyResponse.getDefaultInstance());
        cluster.respond(MetaMethods.REPORT_BAD_REPLICA, EmptyResponse.getDefaultInstance());
        CommitBlockRecoveryRequest commit = CommitBlockRecoveryRequest.newBuilder().setInodeId(3).setBlock(BLOCK)
                .addReplicas("bs-1").build();

        client.commitBlockRecovery(commit);
        client.reportBadReplica(BLOCK, "bs-1", "checksum mismatch at 512");

        assertEquals(commit, sent(MetaMethods.COMMIT_BLOCK_RECOVERY, CommitBlockRecoveryRequest.parser()));
        assertEquals(ReportBadReplicaRequest.newBuilder().setBlock(BLOCK).setBlockstoreId("bs-1")
                .setReason("checksum mismatch at 512").build(),
                sent(MetaMethods.REPORT_BAD_REPLICA, ReportBadReplicaRequest.parser()));
    }
}
