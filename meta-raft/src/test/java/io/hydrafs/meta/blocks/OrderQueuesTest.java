package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.block.BlockOrder;
import io.hydrafs.protocol.block.DeleteOrder;
import io.hydrafs.protocol.meta.BlockProto;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderQueuesTest {
    private static BlockOrder.Builder delete(long blockId) {
        return BlockOrder.newBuilder().setDelete(DeleteOrder.newBuilder()
                .addBlocks(BlockProto.newBuilder().setBlockId(blockId)));
    }

    private static List<Long> blockIds(List<BlockOrder> orders) {
        return orders.stream().map(o -> o.getDelete().getBlocks(0).getBlockId()).toList();
    }

    @Test
    void aHeartbeatTakesAtMostItsShareOldestFirstStampedWithTheTerm() {
        OrderQueues queues = new OrderQueues();
        for (long id = 1; id <= 5; id++) {
            queues.add("b1", delete(id));
        }
        queues.add("b2", delete(9));

        List<BlockOrder> first = queues.take("b1", 3, 7);
        List<BlockOrder> rest = queues.take("b1", 3, 8);

        assertEquals(List.of(1L, 2L, 3L), blockIds(first));
        assertTrue(first.stream().allMatch(o -> o.getTerm() == 7));
        assertEquals(List.of(4L, 5L), blockIds(rest));
        assertTrue(queues.take("b1", 3, 8).isEmpty());
        assertTrue(queues.take("b3", 3, 8).isEmpty(), "a blockstore never ordered anything");
        assertEquals(5, queues.sent());
    }

    @Test
    void clearingDropsEveryWaitingOrder() {
        OrderQueues queues = new OrderQueues();
        queues.add("b1", delete(1));

        queues.clear();

        assertTrue(queues.take("b1", 10, 1).isEmpty());
        assertEquals(0, queues.sent());
    }
}
