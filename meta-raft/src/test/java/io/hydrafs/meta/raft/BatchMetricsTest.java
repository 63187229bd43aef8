package io.hydrafs.meta.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codahale.metrics.MetricRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchMetricsTest {
    private final MetricRegistry registry = new MetricRegistry();
    private final BatchMetrics metrics = new BatchMetrics(registry);

    @Test
    void aProposedBatchRecordsItsOpsAndCommitTime() {
        metrics.proposed(8, TimeUnit.MICROSECONDS.toNanos(900), true);
        metrics.proposed(2, TimeUnit.MICROSECONDS.toNanos(700), false);

        assertEquals(2, registry.histogram("meta.batch.ops").getCount());
        assertEquals(8, registry.histogram("meta.batch.ops").getSnapshot().getMax());
        assertEquals(2, registry.timer("meta.batch.commit").getCount());
        assertEquals(TimeUnit.MICROSECONDS.toNanos(900), registry.timer("meta.batch.commit").getSnapshot().getMax());
        assertEquals(0, registry.timer("meta.batch.answer").getCount());
    }

    @Test
    void anAnsweredBatchRecordsItsAnswerTimeOnly() {
        metrics.answered(8, TimeUnit.MICROSECONDS.toNanos(1_100));

        assertEquals(1, registry.timer("meta.batch.answer").getCount());
        assertEquals(TimeUnit.MICROSECONDS.toNanos(1_100), registry.timer("meta.batch.answer").getSnapshot().getMax());
        assertEquals(0, registry.timer("meta.batch.commit").getCount());
        assertEquals(0, registry.histogram("meta.batch.ops").getCount());
    }
}
