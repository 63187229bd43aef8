package io.hydrafs.protocol.net;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.NotLeaderException;
import io.hydrafs.protocol.rpc.RpcError;
import io.hydrafs.protocol.rpc.RpcResponse;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RpcErrorsTest {
    @Test
    void hydraExceptionSurvivesTheRoundTripWithCodeAndDetail() {
        HydraException original = new HydraException(ErrorCode.DIRECTORY_NOT_EMPTY, "/d has 3 children");

        RpcError wire = RpcErrors.toRpcError(original);
        HydraException back = RpcErrors.toException(wire);

        assertEquals(ErrorCode.DIRECTORY_NOT_EMPTY.number(), wire.getCode());
        assertEquals("/d has 3 children", wire.getMessage());
        assertEquals(ErrorCode.DIRECTORY_NOT_EMPTY, back.code());
        assertEquals("/d has 3 children", back.detail());
        assertFalse(back instanceof NotLeaderException);
    }

    @Test
    void notLeaderBecomesNotLeaderExceptionWithItsHint() {
        RpcError wire = RpcErrors.toRpcError(new NotLeaderException("ask elsewhere", "meta2:9000"));

        NotLeaderException back = assertInstanceOf(NotLeaderException.class, RpcErrors.toException(wire));

        assertEquals("meta2:9000", back.leaderHint());
        assertEquals("ask elsewhere", back.detail());
    }

    @Test
    void unknownCodeFromANewerPeerBecomesInternal() {
        RpcError wire = RpcError.newBuilder().setCode(9999).setMessage("new failure").build();

        assertEquals(ErrorCode.INTERNAL, RpcErrors.toException(wire).code());
    }

    @Test
    void throwIfErrorPassesSuccessAndThrowsTheServersError() throws HydraException {
        RpcResponse ok = RpcResponse.newBuilder().setCallId(1).build();
        RpcResponse failed = RpcResponse.newBuilder().setCallId(2)
                .setError(RpcErrors.toRpcError(ErrorCode.LEASE_EXPIRED, "lease of /f expired")).build();

        assertSame(ok, RpcErrors.throwIfError(ok));
        HydraException thrown = assertThrows(HydraException.class, () -> RpcErrors.throwIfError(failed));
        assertEquals(ErrorCode.LEASE_EXPIRED, thrown.code());
    }
}
