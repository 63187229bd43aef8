package io.hydrafs.blockstore.meta;

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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The blockstore's connection to one meta node: typed calls over the RPC layer. Calls are
 * asynchronous and never retried here; the reporter decides what to resend. Every call carries
 * this blockstore's client id and a fresh call id, so the one mutation a blockstore makes
 * (commitBlockRecovery) is covered by the meta service's retry cache.
 *
 * <p>A broken connection (the meta node restarted, say) is replaced by a new one at the next
 * call: an RPC channel never reconnects by itself, and a blockstore must find a restarted
 * meta node again or that node would never learn of its replicas.
 */
final class MetaLink implements AutoCloseable {
    private final String address;
    private final String host;
    private final int port;
    private final RpcClientOptions options;
    private NettyRpcClient client;
    private boolean closed;
    private final ByteString clientId;
    private final String user;
    private final AtomicLong callIds;

    MetaLink(String address, RpcClientOptions options, ByteString clientId, String user, AtomicLong callIds) {
        this.address = address;
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("meta address is not host:port: " + address);
        }
        this.host = address.substring(0, colon);
        this.port = Integer.parseInt(address.substring(colon + 1));
        this.options = options;
        this.client = new NettyRpcClient(host, port, options);
        this.clientId = clientId;
        this.user = user;
        this.callIds = callIds;
    }

    String address() {
        return address;
    }

    /** Calls {@code method}; the future fails with the server's HydraException or a transport error. */
    <A extends Message> CompletableFuture<A> call(String method, Message request, Parser<A> responseParser) {
        return call(method, request, responseParser, callIds.incrementAndGet());
    }

    /** As {@link #call(String, Message, Parser)} with a given call id (a retry of the same mutation). */
    <A extends Message> CompletableFuture<A> call(String method, Message request, Parser<A> responseParser,
                                                  long callId) {
        RpcRequest rpc = RpcRequest.newBuilder().setCallId(callId).setClientId(clientId).setUser(user)
                .setMethod(method).setPayload(request.toByteString()).build();
        return channel().call(rpc).thenApply(response -> parse(method, response, responseParser));
    }

    /** The open channel, or a new one if the last one broke (after close: the dead one, whose calls fail). */
    private synchronized NettyRpcClient channel() {
        if (!client.isActive() && !closed) {
            client.close();
            client = new NettyRpcClient(host, port, options);
        }
        return client;
    }

    private static <A extends Message> A parse(String method, RpcResponse response, Parser<A> parser) {
        if (response.hasError()) {
            throw new CompletionException(RpcErrors.toException(response.getError()));
        }
        try {
            return parser.parseFrom(response.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new CompletionException(new HydraException(ErrorCode.MALFORMED_REQUEST,
                    "unparseable answer to " + method + ": " + e.getMessage()));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        client.close();
    }
}
