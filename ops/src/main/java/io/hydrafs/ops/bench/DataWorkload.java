package io.hydrafs.ops.bench;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The data workloads of WORKLOADS.md, in run order (data.read reads what data.write wrote). */
public enum DataWorkload {
    WRITE("data.write"),
    READ("data.read"),
    PARALLEL("data.parallel");

    public static final String ALL = "data.all";

    private final String label;

    DataWorkload(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the command-line name is one of these (or data.all). */
    public static boolean isDataWorkload(String name) {
        return name.equals(ALL) || Arrays.stream(values()).anyMatch(w -> w.label.equals(name));
    }

    public static Set<DataWorkload> parse(Collection<String> names) throws HydraException {
        EnumSet<DataWorkload> chosen = EnumSet.noneOf(DataWorkload.class);
        for (String name : names) {
            if (name.equals(ALL)) {
                chosen.addAll(EnumSet.allOf(DataWorkload.class));
                continue;
            }
            chosen.add(Arrays.stream(values()).filter(v -> v.label.equals(name)).findFirst()
                    .orElseThrow(() -> new HydraException(ErrorCode.INVALID_ARGUMENT, "unknown workload " + name
                            + "; known: " + Arrays.stream(values()).map(DataWorkload::label)
                            .collect(Collectors.joining(", ")) + ", " + ALL)));
        }
        return chosen;
    }
}
