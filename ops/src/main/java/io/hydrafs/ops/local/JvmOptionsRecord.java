package io.hydrafs.ops.local;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM flags a cluster's nodes were started with, kept in {@code DIR/jvm.options} (one line)
 * so that a node started again later by another invocation (a restart of a dead node, a
 * rolling restart, the HA benchmark) gets the same heap and GC flags rather than the defaults.
 * A cluster started before this file existed falls back to {@link NodeCommand#DEFAULT_JVM_OPTIONS}.
 */
final class JvmOptionsRecord {
    private JvmOptionsRecord() {
    }

    static void save(ClusterLayout layout, List<String> jvmOptions) throws HydraException {
        Path file = layout.jvmOptionsFile();
        try {
            Files.writeString(file, String.join(" ", jvmOptions) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The recorded flags, or the defaults when none were recorded. */
    static List<String> load(ClusterLayout layout) throws HydraException {
        Path file = layout.jvmOptionsFile();
        if (!Files.exists(file)) {
            return NodeCommand.DEFAULT_JVM_OPTIONS;
        }
        try {
            return NodeCommand.splitFlags(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
