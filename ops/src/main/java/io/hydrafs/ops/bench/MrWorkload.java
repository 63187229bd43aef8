package io.hydrafs.ops.bench;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The MapReduce workloads of WORKLOADS.md and the GenData input each reads. */
public enum MrWorkload {
    WORDCOUNT("mr.wordcount", GenDataInput.Kind.TEXT),
    SORT("mr.sort", GenDataInput.Kind.RECORDS);

    public static final String ALL = "mr.all";
    /** The input at full scale, as WORKLOADS.md has it: 1 GiB. */
    static final int FULL_INPUT_MIB = 1024;

    private final String label;
    private final GenDataInput.Kind input;

    MrWorkload(String label, GenDataInput.Kind input) {
        this.label = label;
        this.input = input;
    }

    public String label() {
        return label;
    }

    GenDataInput.Kind input() {
        return input;
    }

    public static boolean isMrWorkload(String name) {
        return name.equals(ALL) || Arrays.stream(values()).anyMatch(w -> w.label.equals(name));
    }

    public static Set<MrWorkload> parse(Collection<String> names) throws HydraException {
        EnumSet<MrWorkload> chosen = EnumSet.noneOf(MrWorkload.class);
        for (String name : names) {
            if (name.equals(ALL)) {
                chosen.addAll(EnumSet.allOf(MrWorkload.class));
                continue;
            }
            chosen.add(Arrays.stream(values()).filter(v -> v.label.equals(name)).findFirst()
                    .orElseThrow(() -> new HydraException(ErrorCode.INVALID_ARGUMENT, "unknown workload " + name
                            + "; known: " + Arrays.stream(values()).map(MrWorkload::label)
                            .collect(Collectors.joining(", ")) + ", " + ALL)));
        }
        return chosen;
    }
}
