package io.hydrafs.protocol.net;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.NotLeaderException;
import io.hydrafs.protocol.rpc.RpcError;
import io.hydrafs.protocol.rpc.RpcResponse;

/**
 * Converts between the exceptions of HydraFS and the {@link RpcError} that carries them on the
 * wire, so a client rethrows exactly the code (and, for NOT_LEADER, the hint) the server raised.
 */
public final class RpcErrors {
    private RpcErrors() {
    }

    public static RpcError toRpcError(HydraException e) {
        RpcError.Builder error = RpcError.newBuilder().setCode(e.code().number()).setMessage(e.detail());
        if (e instanceof NotLeaderException notLeader) {
            error.setLeaderHint(notLeader.leaderHint());
        }
        return error.build();
    }

    public static RpcError toRpcError(ErrorCode code, String message) {
        return RpcError.newBuilder().setCode(code.number()).setMessage(message).build();
    }

    /** The exception the server raised: a {@link NotLeaderException} for NOT_LEADER, else a HydraException. */
    public static HydraException toException(RpcError error) {
        ErrorCode code = ErrorCode.fromNumber(error.getCode());
        if (code == ErrorCode.NOT_LEADER) {
            return new NotLeaderException(error.getMessage(), error.getLeaderHint());
        }
        return new HydraException(code, error.getMessage());
    }

    /** Throws the server's error if the response carries one; for callers that then parse the payload. */
    public static RpcResponse throwIfError(RpcResponse response) throws HydraException {
        if (response.hasError()) {
            throw toException(response.getError());
        }
        return response;
    }
}
