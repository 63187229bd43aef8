package io.hydrafs.meta.admin;

import io.hydrafs.meta.namespace.Caller;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SuperuserCheckTest {
    private final SuperuserCheck check = new SuperuserCheck("hdfs", "supergroup");

    @Test
    void theSuperuserAndSupergroupMembersPass() {
        assertDoesNotThrow(() -> check.require(Caller.of("hdfs"), "report"));
        assertDoesNotThrow(() -> check.require(Caller.of("alice", "staff", "supergroup"), "report"));
    }

    @Test
    void anyoneElseIsDenied() {
        HydraException e = assertThrows(HydraException.class, () -> check.require(Caller.of("mallory", "staff"),
                "admin report"));

        assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
    }
}
