package io.hydrafs.ops.bench;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The metadata workloads of WORKLOADS.md. Declaration order is run order (the HDFS peer's
 * order): stat and list read the files meta.create made, rename renames some of them, delete
 * removes whatever names they then have.
 */
public enum MetaWorkload {
    CREATE("meta.create", "files/s"),
    MKDIR("meta.mkdir", "ops/s"),
    STAT("meta.stat", "ops/s"),
    LIST("meta.list", "entries/s"),
    RENAME("meta.rename", "ops/s"),
    DELETE("meta.delete", "ops/s");

    /** The name that selects every metadata workload. */
    public static final String ALL = "meta.all";

    private final String label;
    private final String unit;

    MetaWorkload(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    /** The name used on the command line and in the JSON "workload" field. */
    public String label() {
        return label;
    }

    /** The JSON "unit" field: what "rate" counts per second. */
    public String unit() {
        return unit;
    }

    /** Whether it works on the files meta.create leaves behind. */
    public boolean needsCreatedFiles() {
        return this == STAT || this == LIST || this == RENAME || this == DELETE;
    }

    /** Resolves command-line names ("meta.stat", "meta.all", ...) to a set in run order. */
    public static Set<MetaWorkload> parse(Collection<String> names) throws HydraException {
        EnumSet<MetaWorkload> chosen = EnumSet.noneOf(MetaWorkload.class);
        for (String name : names) {
            if (name.equals(ALL)) {
                chosen.addAll(EnumSet.allOf(MetaWorkload.class));
                continue;
            }
            MetaWorkload w = Arrays.stream(values()).filter(v -> v.label.equals(name)).findFirst()
                    .orElseThrow(() -> new HydraException(ErrorCode.INVALID_ARGUMENT,
                            "unknown workload '" + name + "' (known: " + knownNames() + ")"));
            chosen.add(w);
        }
        if (chosen.isEmpty()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "no workload named (known: " + knownNames() + ")");
        }
        return chosen;
    }

    public static String knownNames() {
        return Arrays.stream(values()).map(MetaWorkload::label).collect(Collectors.joining(", ")) + ", " + ALL;
    }
}
