package io.hydrafs.ops.cli;

import io.hydrafs.ops.local.NodeProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hydra fs} against a 3+3 cluster of real processes, called as a user would. */
class FsOnProcessClusterTest {
    @TempDir
    Path tmp;

    @AfterEach
    void killWhatATestLeftRunning() {
        NodeProcesses.killAllDescendants();
    }

    @Test
    void filesGoInAndComeOutOfARealClusterThroughTheShell() throws Exception {
        String dir = tmp.resolve("cluster").toString();
        CliInvocation started = CliInvocation.of("cluster", "start", "--dir", dir, "--meta", "3", "--blockstores", "3",
                "--set", "hydra.blockstore.heartbeat.interval.ms=200");
        assertEquals(HydraCli.EXIT_OK, started.exitCode(), started.toString());
        byte[] data = new byte[300_000];
        new Random(9).nextBytes(data);
        Path local = tmp.resolve("local.bin");
        Files.write(local, data);

        assertEquals(0, CliInvocation.of("fs", "mkdir", "-p", "/u/in", "--dir", dir).exitCode());
        CliInvocation put = CliInvocation.of("fs", "put", local.toString(), "/u/in/f", "--dir", dir);
        assertEquals(0, put.exitCode(), put.toString());
        CliInvocation ls = CliInvocation.of("fs", "ls", "/u/in", "--dir", dir);
        assertEquals(0, ls.exitCode(), ls.toString());
        assertEquals("Found 1 item", ls.outLines().get(0));
        assertTrue(ls.outLines().get(1).matches("-rw.*\\s3\\s.*\\s300000\\s.*/u/in/f"), ls.toString());
        Path back = tmp.resolve("back.bin");
        assertEquals(0, CliInvocation.of("fs", "get", "/u/in/f", back.toString(), "--dir", dir).exitCode());
        assertArrayEquals(data, Files.readAllBytes(back));

        CliInvocation missing = CliInvocation.of("fs", "cat", "/u/in/nothing", "--dir", dir);
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("No such file or directory"), missing.toString());
        CliInvocation rm = CliInvocation.of("fs", "rm", "-r", "/u", "--dir", dir);
        assertEquals(0, rm.exitCode(), rm.toString());
        assertEquals(1, CliInvocation.of("fs", "test", "-e", "/u/in/f", "--dir", dir).exitCode());

        assertEquals(0, CliInvocation.of("cluster", "stop", "--dir", dir).exitCode());
        assertEquals(List.of(), NodeProcesses.liveDescendants());
    }
}
