package io.hydrafs.ops.bench;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The high-availability workloads of WORKLOADS.md, in run order. Both kill or stop meta node
 * processes, so they need a local cluster whose processes this run controls ({@code --dir} or
 * {@code --local}), and both leave it as they found it: every meta node running.
 */
public enum HaWorkload {
    FAILOVER("ha.failover"),
    RESTART("ha.restart");

    public static final String ALL = "ha.all";
    /** Why a run against bare endpoints (--meta) cannot measure them. */
    public static final String NEEDS_PROCESSES = "ha.* needs --dir or --local: it kills and restarts meta nodes";

    private final String label;

    HaWorkload(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the command-line name is one of these (or ha.all). */
    public static boolean isHaWorkload(String name) {
        return name.equals(ALL) || Arrays.stream(values()).anyMatch(w -> w.label.equals(name));
    }

    public static Set<HaWorkload> parse(Collection<String> names) throws HydraException {
        EnumSet<HaWorkload> chosen = EnumSet.noneOf(HaWorkload.class);
        for (String name : names) {
            if (name.equals(ALL)) {
                chosen.addAll(EnumSet.allOf(HaWorkload.class));
                continue;
            }
            chosen.add(Arrays.stream(values()).filter(v -> v.label.equals(name)).findFirst()
                    .orElseThrow(() -> new HydraException(ErrorCode.INVALID_ARGUMENT, "unknown workload " + name
                            + "; known: " + Arrays.stream(values()).map(HaWorkload::label)
                            .collect(Collectors.joining(", ")) + ", " + ALL)));
        }
        return chosen;
    }
}
