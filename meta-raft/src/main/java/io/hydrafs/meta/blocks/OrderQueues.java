package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.block.BlockOrder;
import io.hydrafs.protocol.block.DeleteOrder;
import io.hydrafs.protocol.meta.BlockProto;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The leader's orders waiting for each blockstore's next heartbeat, oldest first. An order is
 * stamped with the leader's term only when handed out; a change of leadership drops them all
 * (the new leader plans afresh). Plain state: {@link BlockManager} guards it.
 */
final class OrderQueues {
    private final Map<String, Deque<BlockOrder.Builder>> queues = new HashMap<>();
    private long sent;

    void add(String blockstoreId, BlockOrder.Builder order) {
        queues.computeIfAbsent(blockstoreId, id -> new ArrayDeque<>()).add(order);
    }

    /** Orders the blockstore to delete its replica of {@code block} (up to that stamp). */
    void addDelete(String blockstoreId, BlockProto block) {
        add(blockstoreId, BlockOrder.newBuilder().setDelete(DeleteOrder.newBuilder().addBlocks(block)));
    }

    /** Up to {@code max} of the blockstore's orders, oldest first, stamped with {@code term}. */
    List<BlockOrder> take(String blockstoreId, int max, long term) {
        Deque<BlockOrder.Builder> queue = queues.get(blockstoreId);
        List<BlockOrder> out = new ArrayList<>();
        while (queue != null && !queue.isEmpty() && out.size() < max) {
            out.add(queue.poll().setTerm(term).build());
        }
        sent += out.size();
        return out;
    }

    void clear() {
        queues.clear();
    }

    /** Orders handed out since this node started. */
    long sent() {
        return sent;
    }
}
