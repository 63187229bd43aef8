package io.hydrafs.ops.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compute verbs' edges that need no cluster: bad configs and bad command lines, one line each. */
class ComputeVerbsTest {
    @Test
    void aWorkerWithoutACoordinatorAddressFailsWithOneLineNamingTheKey() {
        CliInvocation worker = CliInvocation.of("worker", "--set", "hydra.meta.addresses=127.0.0.1:1");

        assertEquals(HydraCli.EXIT_FAILED, worker.exitCode(), worker.toString());
        assertEquals(1, worker.errLines().size(), worker.toString());
        assertTrue(worker.err().contains("hydra.compute.coordinator.address is required"), worker.toString());
    }

    @Test
    void aComputeNodeWithoutMetaAddressesFailsWithOneLineNamingTheKey() {
        CliInvocation coordinator = CliInvocation.of("coordinator", "--set", "hydra.compute.coordinator.port=0");

        assertEquals(HydraCli.EXIT_FAILED, coordinator.exitCode(), coordinator.toString());
        assertEquals(1, coordinator.errLines().size(), coordinator.toString());
        assertTrue(coordinator.err().contains("hydra.meta.addresses is required"), coordinator.toString());
    }

    @Test
    @Timeout(30) // a coordinator that starts after all would serve until stopped
    void aCoordinatorWhosePortIsTakenSaysSoInOneLine(@TempDir Path tmp) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliInvocation coordinator = CliInvocation.of("coordinator", "--set", "hydra.meta.addresses=127.0.0.1:1",
                    "--set", "hydra.compute.coordinator.host=127.0.0.1",
                    "--set", "hydra.compute.coordinator.port=" + taken.getLocalPort(),
                    "--set", "hydra.compute.coordinator.local.dir=" + tmp);

            assertEquals(HydraCli.EXIT_FAILED, coordinator.exitCode(), coordinator.toString());
            assertEquals(1, coordinator.errLines().size(), coordinator.toString());
            assertTrue(coordinator.err().contains(Integer.toString(taken.getLocalPort()))
                    || coordinator.err().contains("in use"), coordinator.toString());
        }
    }

    @Test
    void aMisspeltComputeKeyIsRefusedWithTheKeyItWasMeantToBe() {
        CliInvocation coordinator = CliInvocation.of("coordinator", "--set", "hydra.compute.coordinator.prot=7500");

        assertEquals(HydraCli.EXIT_FAILED, coordinator.exitCode(), coordinator.toString());
        assertTrue(coordinator.err().contains("did you mean hydra.compute.coordinator.port?"), coordinator.toString());
    }

    @Test
    void submitWithoutAJobOrWithBothAnExampleAndAJarIsAUsageError() {
        CliInvocation none = CliInvocation.of("job", "submit", "--coordinator", "127.0.0.1:1");
        CliInvocation both = CliInvocation.of("job", "submit", "wordcount", "/a", "/b", "--jar", "x.jar", "--class", "C",
                "--input", "/a", "--output", "/b", "--coordinator", "127.0.0.1:1");
        CliInvocation arity = CliInvocation.of("job", "submit", "grep", "/a", "/b", "--meta", "127.0.0.1:1");

        assertEquals(HydraCli.EXIT_USAGE, none.exitCode(), none.toString());
        assertTrue(none.err().contains("no job given"), none.toString());
        assertEquals(HydraCli.EXIT_USAGE, both.exitCode(), both.toString());
        assertEquals(HydraCli.EXIT_USAGE, arity.exitCode(), arity.toString());
        assertTrue(arity.err().contains("grep IN OUT PATTERN"), arity.toString());
    }
}
