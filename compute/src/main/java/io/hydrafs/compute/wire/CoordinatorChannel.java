package io.hydrafs.compute.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.NettyRpcClient;
import io.hydrafs.protocol.net.RpcClientOptions;
import io.hydrafs.protocol.net.RpcErrors;
import io.hydrafs.protocol.rpc.RpcRequest;
import io.hydrafs.protocol.rpc.RpcResponse;

import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blocking typed calls to the job coordinator at {@code host:port}, for clients and workers.
 * A broken connection is replaced on the next call; a call is never retried here (the
 * caller knows whether repeating it is safe: a heartbeat is, a submit is not). Thread-safe.
 */
public final class CoordinatorChannel implements AutoCloseable {
    private final String host;
    private final int port;
    private final RpcClientOptions options;
    private final ByteString clientId;
    private final String user;
    private final AtomicLong callIds = new AtomicLong();
    private NettyRpcClient client;
    private boolean closed;

    public CoordinatorChannel(String address, RpcClientOptions options) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("coordinator address is not host:port: " + address);
        }
        this.host = address.substring(0, colon);
        this.port = Integer.parseInt(address.substring(colon + 1));
        this.options = options;
        UUID id = UUID.randomUUID();
        this.clientId = ByteString.copyFrom(ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array());
        this.user = System.getProperty("user.name", "hydra");
    }

    public String address() {
        return host + ":" + port;
    }

    /** Calls {@code method}; throws the coordinator's error, or CONNECTION_FAILED / TIMEOUT. */
    public <A extends Message> A call(String method, Message request, Parser<A> responseParser)
            throws HydraException {
        RpcRequest rpc = RpcRequest.newBuilder().setCallId(callIds.incrementAndGet()).setClientId(clientId)
                .setUser(user).setMethod(method).setPayload(request.toByteString()).build();
        RpcResponse response;
        try {
            response = channel().call(rpc).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HydraException(ErrorCode.TIMEOUT, method + " to " + address() + " interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HydraException h) {
                throw h;
            }
            throw new HydraException(ErrorCode.CONNECTION_FAILED, method + " to " + address() + ": " + e.getCause(),
                    e.getCause());
        } catch (CancellationException e) {
            throw new HydraException(ErrorCode.CONNECTION_FAILED, method + " to " + address() + " cancelled");
        }
        RpcErrors.throwIfError(response);
        try {
            return responseParser.parseFrom(response.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new HydraException(ErrorCode.MALFORMED_REQUEST, "unparseable answer to " + method + ": "
                    + e.getMessage());
        }
    }

    private synchronized NettyRpcClient channel() throws HydraException {
        if (closed) {
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "channel to " + address() + " is closed");
        }
        if (client == null || !client.isActive()) {
            if (client != null) {
                client.close();
            }
            client = new NettyRpcClient(host, port, options);
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
