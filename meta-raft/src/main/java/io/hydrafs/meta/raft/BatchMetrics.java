package io.hydrafs.meta.raft;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The batcher's figures in a node's registry: {@code meta.batch.ops} (ops per proposed batch),
 * {@code meta.batch.commit} (proposal to the log's answer) and {@code meta.batch.answer}
 * (proposal to the callers' answers). The two timers' difference is the store commit and
 * Ratis's reply path, so together they show where a write round goes without temporary code.
 */
public final class BatchMetrics implements ProposalBatcher.Observer {
    private final Histogram ops;
    private final Timer commit;
    private final Timer answer;

    public BatchMetrics(MetricRegistry registry) {
        this.ops = registry.histogram("meta.batch.ops");
        this.commit = registry.timer("meta.batch.commit");
        this.answer = registry.timer("meta.batch.answer");
    }

    @Override
    public void proposed(int batchOps, long nanos, boolean ok) {
        ops.update(batchOps);
        commit.update(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void answered(int batchOps, long nanos) {
        answer.update(nanos, TimeUnit.NANOSECONDS);
    }
}
