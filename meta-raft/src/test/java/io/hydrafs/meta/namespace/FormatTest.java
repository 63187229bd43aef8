package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.InMemoryMetaStore;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.InodeType;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.MkdirsRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormatTest {
    private final InMemoryMetaStore store = new InMemoryMetaStore();
    private final Namespace namespace = new Namespace(NamespaceTestContext.testPolicy().build());

    @Test
    void formatCreatesTheRootOwnedByTheSuperuserAndTheCounters() throws Exception {
        namespace.format(store, 42);

        FileStatusProto root = namespace.getFileStatus(Caller.of("anyone"), "/", store);
        assertEquals("/", root.getPath());
        assertEquals(InodeType.DIRECTORY, root.getType());
        assertEquals(NamespaceKeys.ROOT_ID, root.getInodeId());
        assertEquals(NamespaceTestContext.SUPERUSER, root.getOwner());
        assertEquals(NamespaceTestContext.SUPERGROUP, root.getGroup());
        assertEquals(0755, root.getPermission());
        assertEquals(42, root.getMtimeMs());
        assertEquals(0, root.getChildCount());
        assertEquals(Counters.FIRST_INODE_ID, Counters.peek(store, NamespaceKeys.NEXT_INODE_ID_KEY));
        NamespaceFsck.check(store);
    }

    @Test
    void formatOfAFormattedStoreWritesNothing() {
        namespace.format(store, 1);
        store.clearWrites();
        namespace.format(store, 2);
        assertTrue(store.writes().isEmpty());
    }

    @Test
    void formatTouchesOnlyTheNamespaceTables() {
        namespace.format(store, 1);
        assertEquals(0, store.size(Table.RETRY_CACHE));
        assertEquals(0, store.size(Table.RETRY_EXPIRY));
    }

    @Test
    void applyingToAnUnformattedStoreIsABug() {
        MetaOp op = MetaOp.newBuilder().setUser("alice")
                .setMkdirs(MkdirsRequest.newBuilder().setPath("/a")).build();
        assertThrows(IllegalStateException.class, () -> namespace.apply(op, 1, store));
    }
}
