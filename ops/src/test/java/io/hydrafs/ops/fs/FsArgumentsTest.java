package io.hydrafs.ops.fs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FsArgumentsTest {
    @Test
    void modesAreOctalUpToTheStickyBit() {
        assertEquals(0755, FsArguments.mode("755"));
        assertEquals(01777, FsArguments.mode("1777"));
        assertEquals(0, FsArguments.mode("0"));
        assertThrows(IllegalArgumentException.class, () -> FsArguments.mode("999"));
        assertThrows(IllegalArgumentException.class, () -> FsArguments.mode("4755"));
        assertThrows(IllegalArgumentException.class, () -> FsArguments.mode("u+x"));
    }

    @Test
    void ownershipNamesAnOwnerAGroupOrBoth() {
        assertEquals(new FsArguments.Ownership("alice", null), FsArguments.Ownership.parse("alice"));
        assertEquals(new FsArguments.Ownership("alice", "staff"), FsArguments.Ownership.parse("alice:staff"));
        assertEquals(new FsArguments.Ownership(null, "staff"), FsArguments.Ownership.parse(":staff"));
        assertEquals(new FsArguments.Ownership("alice", null), FsArguments.Ownership.parse("alice:"));
        assertThrows(IllegalArgumentException.class, () -> FsArguments.Ownership.parse(":"));
        assertThrows(IllegalArgumentException.class, () -> FsArguments.Ownership.parse("a:b:c"));
    }

    @Test
    void replicationIsANumberInRange() {
        assertEquals(3, FsArguments.replication("3"));
        assertThrows(IllegalArgumentException.class, () -> FsArguments.replication("0"));
        assertThrows(IllegalArgumentException.class, () -> FsArguments.replication("three"));
    }
}
