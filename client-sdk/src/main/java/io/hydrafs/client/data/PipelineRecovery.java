package io.hydrafs.client.data;

import io.hydrafs.protocol.meta.BlockstoreLocation;

import java.util.ArrayList;
import java.util.List;

/**
 * What a writer does when a node of its pipeline failed (pure decision, no I/O):
 * <ul>
 * <li>a block this writer allocated, of which nothing was acked yet, is abandoned and replaced
 *     by a new one placed away from the failed node (keeps the replication), a few times at most;</li>
 * <li>otherwise, with nodes left, the pipeline continues on the survivors (updatePipeline, then
 *     RECOVER_PIPELINE); re-replication to the file's factor happens later, on the meta side;</li>
 * <li>otherwise the write fails: acked bytes exist only on nodes that are gone.</li>
 * </ul>
 */
final class PipelineRecovery {
    /** Block replacements allowed per block before the writer gives up. */
    static final int MAX_REPLACEMENTS = 3;

    enum Action { UPDATE_PIPELINE, REPLACE_BLOCK, FAIL }

    /** @param survivors UPDATE_PIPELINE: the pipeline without the failed node, in order */
    record Decision(Action action, BlockstoreLocation failed, List<BlockstoreLocation> survivors, String reason) {
    }

    private PipelineRecovery() {
    }

    /**
     * @param pipeline     the nodes, in pipeline order
     * @param failedIndex  the node to drop (clamped to the pipeline)
     * @param ackedBytes   bytes of the block the whole pipeline acked
     * @param replaceable  the block was allocated by this writer (not an appended one)
     * @param replacements replacements of this block so far
     */
    static Decision decide(List<BlockstoreLocation> pipeline, int failedIndex, long ackedBytes, boolean replaceable,
                           int replacements) {
        if (pipeline.isEmpty()) {
            return new Decision(Action.FAIL, null, List.of(), "the pipeline has no node left");
        }
        int index = Math.max(0, Math.min(failedIndex, pipeline.size() - 1));
        BlockstoreLocation failed = pipeline.get(index);
        List<BlockstoreLocation> survivors = new ArrayList<>(pipeline);
        survivors.remove(index);
        if (replaceable && ackedBytes == 0) {
            if (replacements < MAX_REPLACEMENTS) {
                return new Decision(Action.REPLACE_BLOCK, failed, List.of(), "nothing acked yet");
            }
            if (survivors.isEmpty()) {
                return new Decision(Action.FAIL, failed, List.of(), "the block was replaced " + replacements
                        + " times and its last pipeline has no node left");
            }
        }
        if (survivors.isEmpty()) {
            return new Decision(Action.FAIL, failed, List.of(), "no node of the pipeline is left and "
                    + ackedBytes + " acked bytes exist only on failed nodes");
        }
        return new Decision(Action.UPDATE_PIPELINE, failed, List.copyOf(survivors), "continue on survivors");
    }
}
