package io.hydrafs.protocol.net;

import com.google.protobuf.ByteString;

import java.util.List;

/** One incoming call as a server handler sees it: who calls, which method, the raw request. */
public record RpcCall(long callId, ByteString clientId, String user, List<String> groups,
                      String method, ByteString payload, String remoteAddress) {
}
