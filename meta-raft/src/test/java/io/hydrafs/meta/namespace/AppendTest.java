package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.AppendResponse;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static io.hydrafs.meta.namespace.NamespaceTestContext.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** append: reopening a closed file under the caller's lease. Files here have 1 MiB blocks. */
class AppendTest {
    private static final long BLOCK = 1 << 20;
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice");
    private final NamespaceTestContext.Actor bob = ctx.asUser("bob");

    @BeforeEach
    void everyoneMayCreateAtTheRoot() throws Exception {
        hdfs.setPermission("/", 0777);
    }

    @Test
    void appendToAPartialLastBlockReturnsItWithANewStampAndItsOffset() throws Exception {
        alice.writeFile("/f", BLOCK, 100);
        InodeProto before = ctx.inode("/f");
        BlockProto last = before.getBlocks(1);
        ctx.advanceClock(10);

        AppendResponse r = alice.append("/f");

        BlockProto reopened = last.toBuilder().setGenerationStamp(r.getLast().getBlock().getGenerationStamp()).build();
        assertTrue(reopened.getGenerationStamp() > last.getGenerationStamp());
        assertEquals(LocatedBlockProto.newBuilder().setBlock(reopened).setOffset(BLOCK).build(), r.getLast(),
                "the targets are the leader's to fill in");
        InodeProto after = ctx.inode("/f");
        assertEquals(reopened, after.getBlocks(1), "the new stamp is recorded");
        assertTrue(after.getUnderConstruction());
        assertEquals(alice.clientName(), after.getLeaseHolder());
        assertEquals(BLOCK + 100, after.getLength());
        assertEquals(before.getMtimeMs(), after.getMtimeMs(), "mtime changes at the close");
        assertTrue(r.getStatus().getUnderConstruction());
        assertEquals(BLOCK + 100, r.getStatus().getLength());
        assertEquals(List.of(new UnderConstructionFile(after.getId(), "/f", alice.clientName())),
                ctx.namespace().filesUnderConstruction(ctx.store()));
    }

    @Test
    void appendToAFullLastBlockOrAnEmptyFileReturnsNoBlock() throws Exception {
        alice.writeFile("/full", BLOCK);
        alice.writeFile("/empty");
        ctx.store().clearWrites();

        assertFalse(alice.append("/full").hasLast());
        assertFalse(alice.append("/empty").hasLast());
        assertEquals(ctx.inode("/full").getBlocks(0).getGenerationStamp(), Counters.FIRST_GENERATION_STAMP,
                "no stamp for a block that is not reopened");
    }

    @Test
    void theAppenderWritesOnWithAddBlockAndComplete() throws Exception {
        alice.writeFile("/f", 100);
        AppendResponse r = alice.append("/f");

        LocatedBlockProto next = alice.addBlock("/f", withLength(r.getLast(), 700));
        alice.complete("/f", withLength(next, 5));

        assertEquals(705, alice.stat("/f").getLength());
        assertFalse(alice.stat("/f").getUnderConstruction());
    }

    @Test
    void appendToAMissingPathOrADirectoryFails() throws Exception {
        hdfs.mkdirs("/d");
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> alice.append("/none"));
        assertFails(ErrorCode.IS_A_DIRECTORY, () -> hdfs.append("/d"));
    }

    @Test
    void appendNeedsWriteOnTheFile() throws Exception {
        alice.writeFile("/f", 100);
        alice.setPermission("/f", 0644);
        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.append("/f"));
        alice.setPermission("/f", 0646);
        assertTrue(bob.append("/f").getStatus().getUnderConstruction());
    }

    @Test
    void appendToAFileBeingWrittenIsAlreadyBeingCreatedEvenForItsWriter() throws Exception {
        alice.create("/f");
        hdfs.setPermission("/f", 0666);
        assertFails(ErrorCode.ALREADY_BEING_CREATED, () -> alice.append("/f"));
        assertFails(ErrorCode.ALREADY_BEING_CREATED, () -> bob.append("/f"));
        assertEquals(1, ctx.store().size(Table.LEASES));
    }

    @Test
    void appendNeedsAClientName() throws Exception {
        alice.writeFile("/f", 100);
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.append("/f", ""));
    }
}
