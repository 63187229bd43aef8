package io.hydrafs.meta.namespace;

import com.google.protobuf.Message;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.AbandonBlockRequest;
import io.hydrafs.protocol.meta.AddBlockRequest;
import io.hydrafs.protocol.meta.AddBlockResponse;
import io.hydrafs.protocol.meta.AppendRequest;
import io.hydrafs.protocol.meta.AppendResponse;
import io.hydrafs.protocol.meta.CommitBlockRecoveryRequest;
import io.hydrafs.protocol.meta.CompleteRequest;
import io.hydrafs.protocol.meta.CompleteResponse;
import io.hydrafs.protocol.meta.ConcatRequest;
import io.hydrafs.protocol.meta.CreateRequest;
import io.hydrafs.protocol.meta.CreateResponse;
import io.hydrafs.protocol.meta.DeleteRequest;
import io.hydrafs.protocol.meta.DeleteResponse;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.MkdirsRequest;
import io.hydrafs.protocol.meta.MkdirsResponse;
import io.hydrafs.protocol.meta.RecoverLeaseRequest;
import io.hydrafs.protocol.meta.RecoverLeaseResponse;
import io.hydrafs.protocol.meta.RemoveXAttrRequest;
import io.hydrafs.protocol.meta.RenameRequest;
import io.hydrafs.protocol.meta.RenameResponse;
import io.hydrafs.protocol.meta.SetOwnerRequest;
import io.hydrafs.protocol.meta.SetPermissionRequest;
import io.hydrafs.protocol.meta.SetReplicationRequest;
import io.hydrafs.protocol.meta.SetReplicationResponse;
import io.hydrafs.protocol.meta.SetTimesRequest;
import io.hydrafs.protocol.meta.SetXAttrRequest;
import io.hydrafs.protocol.meta.TruncateRequest;
import io.hydrafs.protocol.meta.UpdatePipelineRequest;
import io.hydrafs.protocol.meta.UpdatePipelineResponse;
import io.hydrafs.protocol.meta.XAttrProto;
import org.junit.jupiter.api.Test;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The contract of Namespace.apply with the state machine: one response type per op case, the caller from the op. */
class ApplyTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();

    private Message apply(MetaOp.Builder op) throws Exception {
        return hdfs.op(op);
    }

    @Test
    void everyOpCaseAnswersWithItsResponseType() throws Exception {
        String c = hdfs.clientName();
        assertInstanceOf(MkdirsResponse.class, apply(MetaOp.newBuilder()
                .setMkdirs(MkdirsRequest.newBuilder().setPath("/d"))));
        assertInstanceOf(CreateResponse.class, apply(MetaOp.newBuilder()
                .setCreate(CreateRequest.newBuilder().setPath("/d/f").setClientName(c))));
        AddBlockResponse added = (AddBlockResponse) apply(MetaOp.newBuilder().addAllChosenTargets(
                NamespaceTestContext.TARGETS).setAddBlock(AddBlockRequest.newBuilder().setPath("/d/f").setClientName(c)));
        assertInstanceOf(EmptyResponse.class, apply(MetaOp.newBuilder().setAbandonBlock(AbandonBlockRequest
                .newBuilder().setPath("/d/f").setClientName(c).setBlock(added.getBlock().getBlock()))));
        assertInstanceOf(CompleteResponse.class, apply(MetaOp.newBuilder()
                .setComplete(CompleteRequest.newBuilder().setPath("/d/f").setClientName(c))));
        assertInstanceOf(EmptyResponse.class, apply(MetaOp.newBuilder()
                .setSetPermission(SetPermissionRequest.newBuilder().setPath("/d/f").setPermission(0600))));
        assertInstanceOf(EmptyResponse.class, apply(MetaOp.newBuilder()
                .setSetOwner(SetOwnerRequest.newBuilder().setPath("/d/f").setOwner("x"))));
        assertInstanceOf(EmptyResponse.class, apply(MetaOp.newBuilder()
                .setSetTimes(SetTimesRequest.newBuilder().setPath("/d/f").setMtimeMs(1).setAtimeMs(1))));
        assertInstanceOf(SetReplicationResponse.class, apply(MetaOp.newBuilder()
                .setSetReplication(SetReplicationRequest.newBuilder().setPath("/d/f").setReplication(2))));
        assertInstanceOf(RecoverLeaseResponse.class, apply(MetaOp.newBuilder()
                .setRecoverLease(RecoverLeaseRequest.newBuilder().setPath("/d/f").setClientName(c))));
        assertInstanceOf(RecoverLeaseResponse.class, ctx.apply(MetaOp.newBuilder()
                .setExpireLease(RecoverLeaseRequest.newBuilder().setPath("/d/f").setClientName(c)).build()));
        assertInstanceOf(AppendResponse.class, apply(MetaOp.newBuilder()
                .setAppend(AppendRequest.newBuilder().setPath("/d/f").setClientName(c))));
        AddBlockResponse next = (AddBlockResponse) apply(MetaOp.newBuilder().addAllChosenTargets(
                NamespaceTestContext.TARGETS).setAddBlock(AddBlockRequest.newBuilder().setPath("/d/f").setClientName(c)));
        assertInstanceOf(UpdatePipelineResponse.class, apply(MetaOp.newBuilder()
                .setUpdatePipeline(UpdatePipelineRequest.newBuilder().setPath("/d/f").setClientName(c)
                        .setBlock(next.getBlock().getBlock()).addTargets("bs-1"))));
        RecoverLeaseResponse recovery = (RecoverLeaseResponse) apply(MetaOp.newBuilder()
                .setRecoverLease(RecoverLeaseRequest.newBuilder().setPath("/d/f").setClientName(c)));
        assertInstanceOf(EmptyResponse.class, apply(MetaOp.newBuilder()
                .setCommitBlockRecovery(CommitBlockRecoveryRequest.newBuilder().setInodeId(recovery.getInodeId())
                        .setBlock(recovery.getRecovering()))));
        assertInstanceOf(RenameResponse.class, apply(MetaOp.newBuilder()
                .setRename(RenameRequest.newBuilder().setSrc("/d/f").setDst("/d/g"))));
        assertInstanceOf(EmptyResponse.class, apply(MetaOp.newBuilder().setSetXattr(SetXAttrRequest.newBuilder()
                .setPath("/d/g").setXattr(XAttrProto.newBuilder().setName("user.a")))));
        assertInstanceOf(EmptyResponse.class, apply(MetaOp.newBuilder().setRemoveXattr(RemoveXAttrRequest.newBuilder()
                .setPath("/d/g").setName("user.a"))));
        hdfs.writeFile("/d/h", 10);
        assertInstanceOf(RecoverLeaseResponse.class, apply(MetaOp.newBuilder()
                .setTruncate(TruncateRequest.newBuilder().setPath("/d/h").setNewLength(10))));
        assertInstanceOf(EmptyResponse.class, apply(MetaOp.newBuilder()
                .setConcat(ConcatRequest.newBuilder().setTarget("/d/g").addSrcs("/d/h"))));
        assertInstanceOf(DeleteResponse.class, apply(MetaOp.newBuilder()
                .setDelete(DeleteRequest.newBuilder().setPath("/d").setRecursive(true))));
    }

    @Test
    void theCallerIsTheOpsUserAndGroups() throws Exception {
        MetaOp op = MetaOp.newBuilder().setUser("dave").addGroups(NamespaceTestContext.SUPERGROUP)
                .setMkdirs(MkdirsRequest.newBuilder().setPath("/by-dave")).build();
        ctx.apply(op);
        assertEquals("dave", hdfs.stat("/by-dave").getOwner());
    }

    @Test
    void opWithoutAUserIsInvalidArgument() {
        MetaOp op = MetaOp.newBuilder().setMkdirs(MkdirsRequest.newBuilder().setPath("/x")).build();
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ctx.apply(op));
    }

    @Test
    void opWithoutAnOperationIsMalformed() {
        assertFails(ErrorCode.MALFORMED_REQUEST, () -> ctx.apply(MetaOp.newBuilder().setUser("alice").build()));
    }
}
