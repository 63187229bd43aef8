package io.hydrafs.blockstore.meta;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.NotLeaderException;
import io.hydrafs.protocol.net.RpcClientOptions;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This blockstore's connections to every meta node, sharing one client id (so the meta
 * service's retry cache recognises a resent mutation on any node).
 */
public final class MetaLinks implements AutoCloseable {
    private static final long RETRY_WAIT_MS = 200;

    private final List<MetaLink> links;

    public MetaLinks(List<String> addresses, RpcClientOptions options, String user) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a blockstore needs the meta nodes' addresses");
        }
        UUID id = UUID.randomUUID();
        ByteString clientId = ByteString.copyFrom(ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array());
        AtomicLong callIds = new AtomicLong();
        List<MetaLink> created = new ArrayList<>();
        for (String a : addresses) {
            created.add(new MetaLink(a.trim(), options, clientId, user, callIds));
        }
        this.links = List.copyOf(created);
        this.callIds = callIds;
    }

    private final AtomicLong callIds;

    List<MetaLink> all() {
        return links;
    }

    /**
     * Calls a mutation on the leader, whichever node that is: follows NOT_LEADER hints, tries
     * the nodes in turn on other retryable errors, and resends with the same call id until
     * {@code timeoutMs} passes (the retry cache makes a resend harmless).
     */
    public <A extends Message> A callLeader(String method, Message request, Parser<A> parser, long timeoutMs)
            throws HydraException {
        long callId = callIds.incrementAndGet();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        int next = 0;
        HydraException last = new HydraException(ErrorCode.NO_LEADER, "no meta node answered " + method);
        while (System.nanoTime() < deadline) {
            MetaLink link = links.get(next % links.size());
            try {
                return link.call(method, request, parser, callId).get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | CompletionException e) {
                HydraException h = asHydra(e.getCause());
                if (!h.retryable()) {
                    throw h;
                }
                last = h;
                int hinted = h instanceof NotLeaderException nl ? indexOf(nl.leaderHint()) : -1;
                next = hinted >= 0 ? hinted : next + 1;
                if (hinted < 0) {
                    sleep();
                }
            } catch (TimeoutException e) {
                next++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HydraException(ErrorCode.TIMEOUT, method + " interrupted");
            }
        }
        throw last;
    }

    private int indexOf(String address) {
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i).address().equals(address)) {
                return i;
            }
        }
        return -1;
    }

    private static HydraException asHydra(Throwable t) {
        if (t instanceof HydraException h) {
            return h;
        }
        return new HydraException(ErrorCode.CONNECTION_FAILED, String.valueOf(t.getMessage()), t);
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        links.forEach(MetaLink::close);
    }
}
