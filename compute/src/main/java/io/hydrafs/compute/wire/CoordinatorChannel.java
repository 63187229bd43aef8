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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blocking typed calls to the active job coordinator, for clients and workers, given every
 * coordinator's {@code host:port} (a comma-separated list: the active one and its standbys).
 * A call that meets a standby (NOT_LEADER, following its hint), a coordinator still
 * recovering (NOT_READY) or no coordinator (CONNECTION_FAILED) goes to another one with
 * backoff ({@link CoordinatorFailover}) until {@code failoverTimeoutMs}, then fails with
 * TIMEOUT. Any other error is the coordinator's answer and is thrown as is. The address that
 * last answered is tried first next time. Broken connections are replaced on the next call.
 *
 * <p>A call whose connection broke after it was sent may have been acted on; it is sent again
 * to whichever coordinator is active then. Heartbeats, status, events and commit questions
 * are safe to repeat; a submit carries the client's submission id, so a repeated one gets the
 * job the old coordinator accepted (see {@code JobScheduler#submittedAs}). Thread-safe.
 */
public final class CoordinatorChannel implements AutoCloseable {
    public static final long DEFAULT_FAILOVER_TIMEOUT_MS = 30_000;

    private final List<String> addresses;
    private final RpcClientOptions options;
    private final long failoverTimeoutMs;
    private final ByteString clientId;
    private final String user;
    private final AtomicLong callIds = new AtomicLong();
    private final Map<String, NettyRpcClient> clients = new HashMap<>();
    private volatile String preferred;
    private boolean closed;

    public CoordinatorChannel(String addresses, RpcClientOptions options) {
        this(addresses, options, DEFAULT_FAILOVER_TIMEOUT_MS);
    }

    /** @param addresses {@code host:port[,host:port...]} of every coordinator */
    public CoordinatorChannel(String addresses, RpcClientOptions options, long failoverTimeoutMs) {
        this.addresses = parse(addresses);
        this.options = options;
        this.failoverTimeoutMs = failoverTimeoutMs;
        this.preferred = this.addresses.get(0);
        UUID id = UUID.randomUUID();
        this.clientId = ByteString.copyFrom(ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array());
        this.user = System.getProperty("user.name", "hydra");
    }

    /** The coordinator addresses of a comma-separated list; IllegalArgumentException naming a bad one. */
    public static List<String> parse(String addresses) {
        List<String> list = Arrays.stream(addresses.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no coordinator address in '" + addresses + "'");
        }
        for (String a : list) {
            int colon = a.lastIndexOf(':');
            if (colon <= 0 || colon == a.length() - 1 || !a.substring(colon + 1).chars().allMatch(Character::isDigit)
                    || Integer.parseInt(a.substring(colon + 1)) > 65_535) {
                throw new IllegalArgumentException("coordinator address is not host:port: " + a);
            }
        }
        return list;
    }

    /** The address calls go to first (the one that answered last). */
    public String address() {
        return preferred;
    }

    /** Calls {@code method} on the active coordinator; its error, or TIMEOUT when none answered in time. */
    public <A extends Message> A call(String method, Message request, Parser<A> responseParser)
            throws HydraException {
        CoordinatorFailover plan = new CoordinatorFailover(addresses, preferred, nowMs(), failoverTimeoutMs);
        while (true) {
            String address = plan.address();
            try {
                A answer = callOnce(address, method, request, responseParser);
                preferred = address;
                return answer;
            } catch (HydraException e) {
                if (!CoordinatorFailover.isFailover(e.code()) || isClosed()) {
                    throw e;
                }
                long waitMs = plan.onFailure(e, nowMs());
                if (waitMs < 0) {
                    throw plan.giveUp(method);
                }
                sleep(waitMs, method);
            }
        }
    }

    private <A extends Message> A callOnce(String address, String method, Message request, Parser<A> parser)
            throws HydraException {
        RpcRequest rpc = RpcRequest.newBuilder().setCallId(callIds.incrementAndGet()).setClientId(clientId)
                .setUser(user).setMethod(method).setPayload(request.toByteString()).build();
        RpcResponse response;
        try {
            response = client(address).call(rpc).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HydraException(ErrorCode.TIMEOUT, method + " to " + address + " interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HydraException h) {
                throw h;
            }
            throw new HydraException(ErrorCode.CONNECTION_FAILED, method + " to " + address + ": " + e.getCause(),
                    e.getCause());
        } catch (CancellationException e) {
            throw new HydraException(ErrorCode.CONNECTION_FAILED, method + " to " + address + " cancelled");
        }
        RpcErrors.throwIfError(response);
        try {
            return parser.parseFrom(response.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new HydraException(ErrorCode.MALFORMED_REQUEST, "unparseable answer to " + method + ": "
                    + e.getMessage());
        }
    }

    private static void sleep(long ms, String method) throws HydraException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HydraException(ErrorCode.TIMEOUT, method + " interrupted while failing over");
        }
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized NettyRpcClient client(String address) throws HydraException {
        if (closed) {
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "channel to " + address + " is closed");
        }
        NettyRpcClient client = clients.get(address);
        if (client == null || !client.isActive()) {
            if (client != null) {
                client.close();
            }
            int colon = address.lastIndexOf(':');
            client = new NettyRpcClient(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)),
                    options);
            clients.put(address, client);
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        clients.values().forEach(NettyRpcClient::close);
        clients.clear();
    }
}
