package io.hydrafs.blockstore.meta;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderTermFilterTest {
    @Test
    void ordersOfATermOlderThanAnySeenAreRefused() {
        OrderTermFilter filter = new OrderTermFilter();
        filter.observe(5);

        assertFalse(filter.accept(4), "a deposed leader's order");
        assertTrue(filter.accept(5));
        assertTrue(filter.accept(6));
        assertFalse(filter.accept(5), "term 6 was seen since");
    }
}
