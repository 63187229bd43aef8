package io.hydrafs.meta.namespace;

import io.hydrafs.meta.coord.Coordination;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.MetaOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Colliding random operations keep every layout invariant: the test context checks after each
 * op that a failure wrote nothing and that the store passes {@link NamespaceFsck}.
 *
 * <p>Each seed must also see every op succeed at least once, or the run proves little about it.
 * A concat needs two finished files with blocks in one directory, which this workload makes
 * rarely, and removeXAttr one of the few attributes set: the seeds are ones where both happen
 * (of 1-40, 30 lack one of them, e.g. 1 a concat and 5 a removeXAttr).
 */
class RandomOpsInvariantsTest {
    private static final int OPS = 4000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 7, 10, 11, 24})
    void randomOpsKeepEveryInvariant(long seed) {
        NamespaceTestContext ctx = NamespaceTestContext.create();
        RandomWorkload workload = new RandomWorkload(seed, ctx.namespace());
        Map<MetaOp.OpCase, Integer> succeeded = new EnumMap<>(MetaOp.OpCase.class);
        for (int i = 0; i < OPS; i++) {
            MetaOp op = workload.next(ctx.store());
            ctx.advanceClock(1);
            try {
                ctx.apply(op);
                succeeded.merge(op.getOpCase(), 1, Integer::sum);
            } catch (HydraException expected) {
                // collisions are the point; the context has checked the failure wrote nothing
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ", op " + i + ": " + op, e);
            }
        }
        for (MetaOp.OpCase c : MetaOp.OpCase.values()) {
            if (c != MetaOp.OpCase.OP_NOT_SET && !Coordination.handles(c)) {
                assertTrue(succeeded.getOrDefault(c, 0) > 0, "seed " + seed + ": no " + c + " ever succeeded: "
                        + succeeded);
            }
        }
    }
}
