package io.hydrafs.blockstore.meta;

import io.hydrafs.protocol.meta.BlockProto;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The decision of lease recovery's primary, from what each replica said it holds: only the
 * replicas of the latest pipeline count (the highest stamp below the recovery stamp: a replica
 * left behind by an earlier pipeline failure has an older one), and the agreed length is the
 * least they hold. The writer was only ever acknowledged bytes that every replica of its
 * pipeline had, so nothing acknowledged is cut.
 *
 * <p>A truncate's recovery ({@link #forTruncate}) instead cuts to the length the namespace
 * recorded: the replicas of the latest stamp that hold at least that many bytes take part, and
 * one holding fewer (a copy that missed bytes) is left out, to be replaced from the others.
 */
record RecoveryPlan(List<String> replicas, long agreedLength) {

    /** {@code held}: blockstore id -> its replica; empty when no usable replica answered. */
    static java.util.Optional<RecoveryPlan> of(Map<String, BlockProto> held, long recoveryStamp) {
        OptionalLong latest = held.values().stream().mapToLong(BlockProto::getGenerationStamp)
                .filter(s -> s <= recoveryStamp).max();
        if (latest.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> replicas = held.entrySet().stream()
                .filter(e -> e.getValue().getGenerationStamp() == latest.getAsLong())
                .map(Map.Entry::getKey).sorted().toList();
        long agreed = held.values().stream().filter(b -> b.getGenerationStamp() == latest.getAsLong())
                .mapToLong(BlockProto::getNumBytes).min().orElseThrow();
        return java.util.Optional.of(new RecoveryPlan(replicas, agreed));
    }

    /** The plan of a truncate's recovery to {@code length} bytes; empty when no replica holds that many. */
    static java.util.Optional<RecoveryPlan> forTruncate(Map<String, BlockProto> held, long recoveryStamp,
                                                       long length) {
        Map<String, BlockProto> longEnough = new java.util.HashMap<>();
        held.forEach((id, b) -> {
            if (b.getNumBytes() >= length) {
                longEnough.put(id, b);
            }
        });
        return of(longEnough, recoveryStamp).map(p -> new RecoveryPlan(p.replicas(), length));
    }
}
