package io.hydrafs.ops.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node that cannot start says why in one line and exits 1, without a stack trace: a missing
 * config file, a misspelt or out-of-range key, a port in use, a data directory it cannot use.
 */
@Timeout(60) // a node that starts after all would serve until stopped
class NodeStartErrorsTest {
    @TempDir
    Path tmp;

    private static void assertOneLineFailure(CliInvocation run, String expected) {
        assertEquals(HydraCli.EXIT_FAILED, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.err().contains(expected), run.toString());
        assertFalse(run.err().contains("Exception"), "no exception class names without --verbose: " + run);
    }

    private String[] meta(String... more) {
        String[] base = {"meta", "--set", "hydra.meta.id=m1", "--set", "hydra.meta.peers=m1=127.0.0.1:1:2",
                "--set", "hydra.meta.dir=" + tmp.resolve("m1"), "--set", "hydra.meta.http.port=0"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aMissingConfigFileIsNamed() {
        assertOneLineFailure(CliInvocation.of("meta", "--config", tmp.resolve("none.properties").toString()),
                "config file " + tmp.resolve("none.properties") + " does not exist");
    }

    @Test
    void aMisspeltKeyInTheConfigFileIsRefusedWithASuggestion() throws IOException {
        Path file = tmp.resolve("hydra.properties");
        Files.writeString(file, "hydra.meta.id=m1\nhydra.meta.elektion.timeout.min.ms=100\n");

        assertOneLineFailure(CliInvocation.of("meta", "--config", file.toString()),
                "unknown config key hydra.meta.elektion.timeout.min.ms in " + file
                        + " (did you mean hydra.meta.election.timeout.min.ms?)");
    }

    @Test
    void aMissingOrBadValueIsNamed() {
        assertOneLineFailure(CliInvocation.of("meta", "--set", "hydra.meta.peers=m1=127.0.0.1:1:2"),
                "config key hydra.meta.id is missing");
        assertOneLineFailure(CliInvocation.of(meta("--set", "hydra.meta.election.timeout.min.ms=abc")),
                "hydra.meta.election.timeout.min.ms = 'abc' is not an integer");
    }

    @Test
    void aPortInUseIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            int raftPort;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                raftPort = free.getLocalPort();
            }
            CliInvocation run = CliInvocation.of("meta", "--set", "hydra.meta.id=m1",
                    "--set", "hydra.meta.peers=m1=127.0.0.1:" + raftPort + ":" + port,
                    "--set", "hydra.meta.dir=" + tmp.resolve("m1"), "--set", "hydra.meta.http.port=0");

            assertOneLineFailure(run, "cannot listen on 127.0.0.1:" + port);
        }
    }

    @Test
    void aBlockstoreWithoutAUsableDataDirectoryDoesNotStart() throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("a-file"), "x");

        CliInvocation run = CliInvocation.of("blockstore", "--set", "hydra.meta.addresses=127.0.0.1:1",
                "--set", "hydra.blockstore.data.dirs=" + notADirectory.resolve("data"),
                "--set", "hydra.blockstore.data.port=0", "--set", "hydra.blockstore.http.port=0");

        assertOneLineFailure(run, "no usable data directory: " + notADirectory.resolve("data"));
    }
}
