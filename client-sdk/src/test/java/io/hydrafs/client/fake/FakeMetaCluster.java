package io.hydrafs.client.fake;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.hydrafs.client.ClientOptions;
import io.hydrafs.client.meta.Backoff;
import io.hydrafs.client.meta.MetaClientConfig;
import io.hydrafs.client.net.ChannelFactory;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.net.RpcChannel;
import io.hydrafs.protocol.rpc.RpcError;
import io.hydrafs.protocol.rpc.RpcRequest;
import io.hydrafs.protocol.rpc.RpcResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Three in-memory "meta nodes" behind a {@link ChannelFactory}, for testing the client without
 * sockets or threads. One node is the leader (or none); followers answer NOT_LEADER with a
 * hint naming the leader (hints can be switched off), or NO_LEADER when there is none; a
 * follower serves a follower read once its applied index is high enough. Each node can be made
 * to refuse connections, reset them, time out, stay silent, or answer with an injected error.
 *
 * <p>Calls are answered synchronously on the caller's thread by per-method {@link Handler}s
 * (canned responses for most tests). Every request a node receives is recorded, as is every
 * request a node served, so tests assert on what actually went over the "wire". Thread-safe.
 */
public final class FakeMetaCluster implements ChannelFactory {
    public static final List<String> ADDRESSES = List.of("meta1:7100", "meta2:7100", "meta3:7100");

    /** How a node's connections behave. */
    public enum Mode {
        /** answers normally */
        UP,
        /** connecting fails with CONNECTION_FAILED; open channels break */
        REFUSING,
        /** accepts the connection, then breaks it on every call (CONNECTION_FAILED) */
        RESETTING,
        /** the channel reports TIMEOUT for every call */
        TIMING_OUT,
        /** never answers: the call's future stays pending until the channel closes */
        SILENT
    }

    /** Serves one method on the node at {@code address}. */
    @FunctionalInterface
    public interface Handler {
        Message handle(String address, RpcRequest request) throws HydraException;
    }

    public record Received(String address, RpcRequest request) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final Queue<Received> served = new ConcurrentLinkedQueue<>();
    private final Queue<FakeChannel> channels = new ConcurrentLinkedQueue<>();
    private volatile String leader = ADDRESSES.get(0);
    private volatile boolean leaderHints = true;

    public FakeMetaCluster() {
        for (String address : ADDRESSES) {
            nodes.put(address, new Node(address));
        }
    }

    // ---- client fixtures ----

    /** A meta client config for this cluster: short timeouts, tiny backoff. */
    public MetaClientConfig metaConfig(long failoverTimeoutMs, boolean followerReads) {
        return new MetaClientConfig(ADDRESSES, "alice", List.of("staff"), 200, failoverTimeoutMs, followerReads,
                new Backoff(1, 20));
    }

    public MetaClientConfig metaConfig() {
        return metaConfig(5_000, false);
    }

    /** Client options for this cluster with the same settings as {@link #metaConfig()}. */
    public ClientOptions.Builder clientOptions() {
        return ClientOptions.builder().metaAddresses(ADDRESSES).user("alice").groups(List.of("staff"))
                .rpcTimeoutMs(200).failoverTimeoutMs(5_000).failoverBackoffMs(1, 20).channelFactory(this);
    }

    // ---- behaviour ----

    public void handle(String method, Handler handler) {
        handlers.put(method, handler);
    }

    public void respond(String method, Message response) {
        handle(method, (address, request) -> response);
    }

    public void fail(String method, ErrorCode code, String message) {
        handle(method, (address, request) -> {
            throw new HydraException(code, message);
        });
    }

    /** Makes {@code address} the leader (null: no leader); it has applied everything any node has. */
    public void setLeader(String address) {
        if (address != null) {
            long highest = nodes.values().stream().mapToLong(n -> n.appliedIndex.get()).max().orElse(0);
            node(address).appliedIndex.accumulateAndGet(highest, Math::max);
        }
        leader = address;
    }

    public String leader() {
        return leader;
    }

    public void setLeaderHints(boolean enabled) {
        leaderHints = enabled;
    }

    public void setMode(String address, Mode mode) {
        node(address).mode = mode;
    }

    /** Every call to {@code address} fails with {@code code} (null: back to normal). */
    public void injectError(String address, ErrorCode code) {
        node(address).injectedError = code;
    }

    public void setAppliedIndex(String address, long index) {
        node(address).appliedIndex.set(index);
    }

    /** The request message inside {@code request}, for handlers that answer according to it. */
    public static <T extends Message> T payload(RpcRequest request, Parser<T> parser) {
        try {
            return parser.parseFrom(request.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("bad payload of " + request.getMethod(), e);
        }
    }

    // ---- observations ----

    /** Every request that reached a node, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<RpcRequest> received(String address) {
        return received.stream().filter(r -> r.address().equals(address)).map(Received::request).toList();
    }

    /** Requests a node answered successfully (not redirected, not failed), for one method. */
    public List<Received> served(String method) {
        return served.stream().filter(r -> r.request().getMethod().equals(method)).toList();
    }

    public long servedCount(String address) {
        return served.stream().filter(r -> r.address().equals(address)).count();
    }

    /** The request message of the last successful call of {@code method}. */
    public <T extends Message> T lastServed(String method, Parser<T> parser) {
        List<Received> all = served(method);
        if (all.isEmpty()) {
            throw new AssertionError("no " + method + " was served; received: " + received());
        }
        return payload(all.get(all.size() - 1).request(), parser);
    }

    /** How many times a connection to {@code address} was opened (or refused). */
    public int opens(String address) {
        return node(address).opens.get();
    }

    public long openChannels() {
        return channels.stream().filter(c -> c.open).count();
    }

    // ---- the "network" ----

    @Override
    public RpcChannel open(String address) throws HydraException {
        Node node = nodes.get(address);
        if (node == null) {
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "unknown host " + address);
        }
        node.opens.incrementAndGet();
        if (node.mode == Mode.REFUSING) {
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "connection refused by " + address);
        }
        FakeChannel channel = new FakeChannel(node);
        channels.add(channel);
        return channel;
    }

    private Node node(String address) {
        Node node = nodes.get(address);
        if (node == null) {
            throw new IllegalArgumentException("no fake meta node " + address);
        }
        return node;
    }

    private RpcResponse answer(Node node, RpcRequest request) {
        String method = request.getMethod();
        String currentLeader = leader;
        ErrorCode injected = node.injectedError;
        if (injected != null) {
            return error(node, request, injected, "injected " + injected + " at " + node.address, "");
        }
        boolean isLeader = node.address.equals(currentLeader);
        boolean freshFollowerRead = request.getFollowerReadOk() && MetaMethods.READS.contains(method)
                && node.appliedIndex.get() >= request.getMinAppliedIndex();
        if (!isLeader && !freshFollowerRead && !MetaMethods.CLUSTER_STATUS.equals(method)) {
            if (currentLeader == null) {
                return error(node, request, ErrorCode.NO_LEADER, node.address + " knows no leader", "");
            }
            return error(node, request, ErrorCode.NOT_LEADER, node.address + " is not the leader",
                    leaderHints ? currentLeader : "");
        }
        Handler handler = handlers.get(method);
        if (handler == null) {
            return error(node, request, ErrorCode.UNKNOWN_METHOD, "no fake handler for " + method, "");
        }
        try {
            Message response = handler.handle(node.address, request);
            if (isLeader && !MetaMethods.READS.contains(method) && !MetaMethods.CLUSTER_STATUS.equals(method)
                    && !MetaMethods.RENEW_LEASE.equals(method)) {
                node.appliedIndex.incrementAndGet();  // a mutation went through the log
            }
            served.add(new Received(node.address, request));
            return RpcResponse.newBuilder().setCallId(request.getCallId()).setPayload(response.toByteString())
                    .setAppliedIndex(node.appliedIndex.get()).build();
        } catch (HydraException e) {
            return error(node, request, e.code(), e.detail(), "");
        }
    }

    private static RpcResponse error(Node node, RpcRequest request, ErrorCode code, String message, String hint) {
        return RpcResponse.newBuilder().setCallId(request.getCallId()).setAppliedIndex(node.appliedIndex.get())
                .setError(RpcError.newBuilder().setCode(code.number()).setMessage(message).setLeaderHint(hint))
                .build();
    }

    private static final class Node {
        final String address;
        final AtomicLong appliedIndex = new AtomicLong();
        final AtomicInteger opens = new AtomicInteger();
        volatile Mode mode = Mode.UP;
        volatile ErrorCode injectedError;

        Node(String address) {
            this.address = address;
        }
    }

    private final class FakeChannel implements RpcChannel {
        private final Node node;
        private final Set<CompletableFuture<RpcResponse>> pending = ConcurrentHashMap.newKeySet();
        private volatile boolean open = true;

        FakeChannel(Node node) {
            this.node = node;
        }

        @Override
        public CompletableFuture<RpcResponse> call(RpcRequest request) {
            if (!isActive()) {
                open = false;
                return failed(ErrorCode.CONNECTION_FAILED, "connection to " + node.address + " is broken");
            }
            received.add(new Received(node.address, request));
            switch (node.mode) {
                case RESETTING -> {
                    open = false;
                    return failed(ErrorCode.CONNECTION_FAILED, "connection reset by " + node.address);
                }
                case TIMING_OUT -> {
                    return failed(ErrorCode.TIMEOUT, node.address + " did not answer in time");
                }
                case SILENT -> {
                    CompletableFuture<RpcResponse> future = new CompletableFuture<>();
                    pending.add(future);
                    return future;
                }
                default -> {
                    return CompletableFuture.completedFuture(answer(node, request));
                }
            }
        }

        @Override
        public String remoteAddress() {
            return node.address;
        }

        @Override
        public boolean isActive() {
            return open && node.mode != Mode.REFUSING;
        }

        @Override
        public void close() {
            open = false;
            for (CompletableFuture<RpcResponse> future : new ArrayList<>(pending)) {
                future.completeExceptionally(new HydraException(ErrorCode.CONNECTION_FAILED, "channel closed"));
            }
            pending.clear();
        }

        private CompletableFuture<RpcResponse> failed(ErrorCode code, String message) {
            return CompletableFuture.failedFuture(new HydraException(code, message));
        }
    }
}
