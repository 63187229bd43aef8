package io.hydrafs.protocol.net;

import com.google.protobuf.ByteString;
import io.hydrafs.protocol.rpc.RpcRequest;

import java.util.List;

/**
 * One incoming call as a server handler sees it: who calls, which method, the raw request,
 * and the read-freshness terms of the request ({@code followerReadOk}, {@code minAppliedIndex},
 * meaningful for meta reads only). {@code attempt} is for logs and metrics only.
 */
public record RpcCall(long callId, ByteString clientId, String user, List<String> groups,
                      String method, ByteString payload, String remoteAddress,
                      boolean followerReadOk, long minAppliedIndex, int attempt) {

    /** A first-attempt call that requires a linearizable leader read (tests, simple callers). */
    public RpcCall(long callId, ByteString clientId, String user, List<String> groups,
                   String method, ByteString payload, String remoteAddress) {
        this(callId, clientId, user, groups, method, payload, remoteAddress, false, 0L, 0);
    }

    public RpcCall {
        groups = List.copyOf(groups);
    }

    /** The call carried by {@code request}, received from {@code remoteAddress}. */
    public static RpcCall of(RpcRequest request, String remoteAddress) {
        return new RpcCall(request.getCallId(), request.getClientId(), request.getUser(),
                request.getGroupsList(), request.getMethod(), request.getPayload(), remoteAddress,
                request.getFollowerReadOk(), request.getMinAppliedIndex(), request.getAttempt());
    }
}
