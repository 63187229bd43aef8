package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.RpcErrors;
import io.hydrafs.protocol.rpc.RpcError;

/**
 * Maps failures to what crosses the data protocol: expected failures keep their code, anything
 * else (a bug in a store, say) becomes INTERNAL so the peer still gets an answer.
 */
final class TransferErrors {
    private TransferErrors() {
    }

    static HydraException asHydra(Throwable t) {
        if (t instanceof HydraException h) {
            return h;
        }
        return new HydraException(ErrorCode.INTERNAL, String.valueOf(t), t);
    }

    static RpcError toRpcError(Throwable t) {
        return RpcErrors.toRpcError(asHydra(t));
    }

    static int code(Throwable t) {
        return asHydra(t).code().number();
    }
}
