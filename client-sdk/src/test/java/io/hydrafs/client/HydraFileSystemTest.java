package io.hydrafs.client;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.ContentSummaryProto;
import io.hydrafs.protocol.meta.CreateRequest;
import io.hydrafs.protocol.meta.DeleteRequest;
import io.hydrafs.protocol.meta.DeleteResponse;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.GetContentSummaryRequest;
import io.hydrafs.protocol.meta.GetContentSummaryResponse;
import io.hydrafs.protocol.meta.GetFileStatusRequest;
import io.hydrafs.protocol.meta.GetFileStatusResponse;
import io.hydrafs.protocol.meta.InodeType;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.meta.MkdirsRequest;
import io.hydrafs.protocol.meta.MkdirsResponse;
import io.hydrafs.protocol.meta.RecoverLeaseRequest;
import io.hydrafs.protocol.meta.RecoverLeaseResponse;
import io.hydrafs.protocol.meta.RenameRequest;
import io.hydrafs.protocol.meta.RenameResponse;
import io.hydrafs.protocol.meta.SetOwnerRequest;
import io.hydrafs.protocol.meta.SetPermissionRequest;
import io.hydrafs.protocol.meta.SetReplicationRequest;
import io.hydrafs.protocol.meta.SetReplicationResponse;
import io.hydrafs.protocol.meta.SetTimesRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each namespace operation sends the right request and maps the answer. */
class HydraFileSystemTest extends FileSystemTestBase {

    @Test
    void clientNameIsHydraClientFollowedByTheClientUuid() {
        assertEquals("hydra-client-" + fs.meta().clientUuid(), fs.clientName());
    }

    @Test
    void mkdirsSendsPermission0755AndIsTrueAlsoWhenTheDirectoryExisted() throws Exception {
        cluster.respond(MetaMethods.MKDIRS, MkdirsResponse.newBuilder().setCreated(false).build());

        assertTrue(fs.mkdirs("/a/b"));

        MkdirsRequest sent = cluster.lastServed(MetaMethods.MKDIRS, MkdirsRequest.parser());
        assertEquals("/a/b", sent.getPath());
        assertEquals(0755, sent.getPermission());
    }

    @Test
    void mkdirsWithAPermissionSendsIt() throws Exception {
        cluster.respond(MetaMethods.MKDIRS, MkdirsResponse.newBuilder().setCreated(true).build());

        assertTrue(fs.mkdirs("/private", 0700));

        assertEquals(0700, cluster.lastServed(MetaMethods.MKDIRS, MkdirsRequest.parser()).getPermission());
    }

    @Test
    void createSendsTheClientNameAndHdfsDefaults() throws Exception {
        try (HydraOutputStream out = fs.create("/f")) {
            assertEquals("/f", out.path());
        }

        CreateRequest sent = cluster.lastServed(MetaMethods.CREATE, CreateRequest.parser());
        assertEquals(CreateRequest.newBuilder().setPath("/f").setPermission(0644).setOverwrite(true)
                .setCreateParent(true).setClientName(fs.clientName()).build(), sent);
    }

    @Test
    void createSendsTheGivenOptions() throws Exception {
        CreateOptions options = CreateOptions.builder().overwrite(false).replication(2).blockSizeBytes(1 << 20)
                .permission(0600).createParent(false).build();

        fs.create("/f", options).close();

        CreateRequest sent = cluster.lastServed(MetaMethods.CREATE, CreateRequest.parser());
        assertEquals(CreateRequest.newBuilder().setPath("/f").setPermission(0600).setOverwrite(false)
                .setReplication(2).setBlockSize(1 << 20).setCreateParent(false).setClientName(fs.clientName())
                .build(), sent);
    }

    @Test
    void getFileStatusMapsEveryField() throws Exception {
        FileStatusProto proto = FileStatusProto.newBuilder().setPath("/data/x").setType(InodeType.FILE)
                .setLength(1234).setReplication(3).setBlockSize(64L << 20).setMtimeMs(1_000).setAtimeMs(2_000)
                .setPermission(0640).setOwner("bob").setGroup("eng").setInodeId(77).setUnderConstruction(true)
                .build();
        cluster.respond(MetaMethods.GET_FILE_STATUS, GetFileStatusResponse.newBuilder().setStatus(proto).build());

        FileStatus status = fs.getFileStatus("/data/x");

        assertEquals(new FileStatus("/data/x", false, 1234, 3, 64L << 20, 1_000, 2_000, 0640, "bob", "eng", 77,
                true, 0), status);
        assertTrue(status.isFile());
        assertEquals("x", status.name());
        assertEquals("rw-r-----", status.permissionString());
        assertEquals("/data/x", cluster.lastServed(MetaMethods.GET_FILE_STATUS, GetFileStatusRequest.parser())
                .getPath());
    }

    @Test
    void getFileStatusMapsADirectory() throws Exception {
        cluster.respond(MetaMethods.GET_FILE_STATUS, GetFileStatusResponse.newBuilder()
                .setStatus(directory("/d").toBuilder().setChildCount(4)).build());

        FileStatus status = fs.getFileStatus("/d");

        assertTrue(status.isDirectory());
        assertEquals(4, status.childCount());
    }

    @Test
    void getFileStatusOfAMissingPathFailsWithFileNotFound() {
        cluster.fail(MetaMethods.GET_FILE_STATUS, ErrorCode.FILE_NOT_FOUND, "/nope does not exist");

        HydraException e = assertThrows(HydraException.class, () -> fs.getFileStatus("/nope"));

        assertEquals(ErrorCode.FILE_NOT_FOUND, e.code());
    }

    @Test
    void existsIsTrueForAnythingThereAndFalseForMissingPaths() throws Exception {
        cluster.respond(MetaMethods.GET_FILE_STATUS, GetFileStatusResponse.newBuilder().setStatus(file("/f")).build());
        assertTrue(fs.exists("/f"));

        cluster.fail(MetaMethods.GET_FILE_STATUS, ErrorCode.FILE_NOT_FOUND, "/nope");
        assertFalse(fs.exists("/nope"));
    }

    @Test
    void existsPassesOnErrorsThatSayNothingAboutExistence() {
        cluster.fail(MetaMethods.GET_FILE_STATUS, ErrorCode.PERMISSION_DENIED, "/secret/x");

        HydraException e = assertThrows(HydraException.class, () -> fs.exists("/secret/x"));

        assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
    }

    @Test
    void renameReturnsTheFinalPath() throws Exception {
        cluster.respond(MetaMethods.RENAME, RenameResponse.newBuilder().setFinalPath("/dir/a").build());

        assertEquals("/dir/a", fs.rename("/a", "/dir"));

        assertEquals(RenameRequest.newBuilder().setSrc("/a").setDst("/dir").build(),
                cluster.lastServed(MetaMethods.RENAME, RenameRequest.parser()));
    }

    @Test
    void deleteSendsRecursiveAndReturnsWhetherSomethingWasDeleted() throws Exception {
        cluster.respond(MetaMethods.DELETE, DeleteResponse.newBuilder().setDeleted(false).build());

        assertFalse(fs.delete("/gone", true));

        assertEquals(DeleteRequest.newBuilder().setPath("/gone").setRecursive(true).build(),
                cluster.lastServed(MetaMethods.DELETE, DeleteRequest.parser()));
    }

    @Test
    void setPermissionSendsTheBits() throws Exception {
        cluster.respond(MetaMethods.SET_PERMISSION, EmptyResponse.getDefaultInstance());

        fs.setPermission("/f", 01777);

        assertEquals(01777, cluster.lastServed(MetaMethods.SET_PERMISSION, SetPermissionRequest.parser())
                .getPermission());
    }

    @Test
    void invalidPermissionBitsAreRejectedWithoutACall() {
        HydraException e = assertThrows(HydraException.class, () -> fs.setPermission("/f", 04755));

        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(cluster.received().isEmpty());
    }

    @Test
    void setOwnerSendsNullAsUnchanged() throws Exception {
        cluster.respond(MetaMethods.SET_OWNER, EmptyResponse.getDefaultInstance());

        fs.setOwner("/f", null, "eng");

        assertEquals(SetOwnerRequest.newBuilder().setPath("/f").setOwner("").setGroup("eng").build(),
                cluster.lastServed(MetaMethods.SET_OWNER, SetOwnerRequest.parser()));
    }

    @Test
    void setTimesSendsMinusOneAsUnchanged() throws Exception {
        cluster.respond(MetaMethods.SET_TIMES, EmptyResponse.getDefaultInstance());

        fs.setTimes("/f", 5_000, -1);

        assertEquals(SetTimesRequest.newBuilder().setPath("/f").setMtimeMs(5_000).setAtimeMs(-1).build(),
                cluster.lastServed(MetaMethods.SET_TIMES, SetTimesRequest.parser()));
    }

    @Test
    void setReplicationReturnsWhetherItChanged() throws Exception {
        cluster.respond(MetaMethods.SET_REPLICATION, SetReplicationResponse.newBuilder().setChanged(true).build());

        assertTrue(fs.setReplication("/f", 2));

        assertEquals(2, cluster.lastServed(MetaMethods.SET_REPLICATION, SetReplicationRequest.parser())
                .getReplication());
    }

    @Test
    void getContentSummaryMapsTheTotals() throws Exception {
        cluster.respond(MetaMethods.GET_CONTENT_SUMMARY, GetContentSummaryResponse.newBuilder()
                .setSummary(ContentSummaryProto.newBuilder().setLength(10).setFileCount(2).setDirectoryCount(1)
                        .setSpaceConsumed(30)).build());

        assertEquals(new ContentSummary(10, 2, 1, 30), fs.getContentSummary("/d"));

        assertEquals("/d", cluster.lastServed(MetaMethods.GET_CONTENT_SUMMARY, GetContentSummaryRequest.parser())
                .getPath());
    }

    @Test
    void recoverLeaseSendsThisClientsNameAndReturnsWhetherTheFileIsClosed() throws Exception {
        cluster.respond(MetaMethods.RECOVER_LEASE, RecoverLeaseResponse.newBuilder().setClosed(true).build());

        assertTrue(fs.recoverLease("/f"));

        assertEquals(RecoverLeaseRequest.newBuilder().setPath("/f").setClientName(fs.clientName()).build(),
                cluster.lastServed(MetaMethods.RECOVER_LEASE, RecoverLeaseRequest.parser()));
    }

    @Test
    void relativePathsAreRejectedWithoutACall() {
        HydraException e = assertThrows(HydraException.class, () -> fs.mkdirs("relative/dir"));

        assertEquals(ErrorCode.INVALID_PATH, e.code());
        assertTrue(cluster.received().isEmpty());
    }

    @Test
    void callsAfterCloseFail() {
        fs.close();

        HydraException e = assertThrows(HydraException.class, () -> fs.create("/f"));

        assertEquals(ErrorCode.IO_ERROR, e.code());
    }
}
