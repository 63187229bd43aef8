package io.hydrafs.ops.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeCommandTest {
    @Test
    void aNodeRunsHydraCliMetaFromTheClusterConfigWithItsIdDataDirAndHttpPortSet() {
        ClusterLayout layout = new ClusterLayout(Path.of("/tmp/c"));
        NodeCommand command = new NodeCommand(Path.of("/jdk/bin/java"), List.of("-Xmx256m", "-XX:+UseSerialGC"), "a.jar:b.jar");

        List<String> argv = command.argv(layout, "m2", 39883);

        List<String> expected = new ArrayList<>(List.of("/jdk/bin/java"));
        expected.addAll(NodeCommand.META_THREAD_PRIORITY_FLAGS);
        expected.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=" + NodeCommand.NODE_LOGBACK,
                "-Dlogback.statusListenerClass=io.hydrafs.ops.cli.StderrStatusListener",
                "-cp", "a.jar:b.jar", "io.hydrafs.ops.cli.HydraCli", "meta", "--config", "/tmp/c/hydra.properties",
                "--set", "hydra.meta.id=m2", "--set", "hydra.meta.dir=/tmp/c/m2/data",
                "--set", "hydra.meta.http.port=39883"));
        assertEquals(expected, argv);
    }

    @Test
    void metaNodesMapTheLowestJavaPriorityToNice19BeforeTheUsersFlagsWhichMayTurnItOff() {
        ClusterLayout layout = new ClusterLayout(Path.of("/tmp/c"));
        NodeCommand command = new NodeCommand(Path.of("/jdk/bin/java"), List.of("-XX:ThreadPriorityPolicy=0"), "a.jar");

        List<String> meta = command.argv(layout, "m1");
        List<String> store = command.blockstoreArgv(layout, new LocalBlockstore("b1", "127.0.0.1", 40123));

        assertTrue(meta.contains("-XX:ThreadPriorityPolicy=1") && meta.contains("-XX:JavaPriority1_To_OSPriority=19"), meta.toString());
        // the JVM takes the last occurrence of a flag: the user's own flags come after ours
        assertTrue(meta.lastIndexOf("-XX:ThreadPriorityPolicy=1") < meta.indexOf("-XX:ThreadPriorityPolicy=0"), meta.toString());
        for (int priority = 2; priority <= 10; priority++) {
            assertTrue(meta.contains("-XX:JavaPriority" + priority + "_To_OSPriority=0"), "priority " + priority + ": " + meta);
        }
        assertTrue(store.stream().noneMatch(f -> f.startsWith("-XX:ThreadPriorityPolicy=1")), store.toString());
    }

    @Test
    void withoutARecordedHttpPortEveryNodeStillGetsOneSoNodesOfOneHostDoNotCollide() {
        ClusterLayout layout = new ClusterLayout(Path.of("/tmp/c"));
        NodeCommand command = new NodeCommand(Path.of("/jdk/bin/java"), List.of(), "a.jar");

        List<String> meta = command.argv(layout, "m1");
        List<String> store = command.blockstoreArgv(layout, new LocalBlockstore("b1", "127.0.0.1", 40123));

        assertEquals(List.of("--set", "hydra.meta.http.port=0"), meta.subList(meta.size() - 2, meta.size()));
        assertEquals(List.of("--set", "hydra.blockstore.http.port=0"), store.subList(store.size() - 2, store.size()));
    }

    @Test
    void aBlockstoreRunsHydraCliBlockstoreFromTheClusterConfigWithItsIdDataDirHostAndPortSet() {
        ClusterLayout layout = new ClusterLayout(Path.of("/tmp/c"));
        NodeCommand command = new NodeCommand(Path.of("/jdk/bin/java"), List.of("-Xmx256m"), "a.jar");

        List<String> argv = command.blockstoreArgv(layout, new LocalBlockstore("b3", "127.0.0.1", 40123), 40124);

        assertEquals(List.of("/jdk/bin/java", "-Xmx256m",
                "-Dlogback.configurationFile=" + NodeCommand.NODE_LOGBACK,
                "-Dlogback.statusListenerClass=io.hydrafs.ops.cli.StderrStatusListener",
                "-cp", "a.jar", "io.hydrafs.ops.cli.HydraCli", "blockstore", "--config", "/tmp/c/hydra.properties",
                "--set", "hydra.blockstore.id=b3", "--set", "hydra.blockstore.data.dirs=/tmp/c/b3/data",
                "--set", "hydra.blockstore.host=127.0.0.1", "--set", "hydra.blockstore.data.port=40123",
                "--set", "hydra.blockstore.http.port=40124"), argv);
    }

    @Test
    void thisJvmsJavaAndClassPathRunTheNodesAndTheLogConfigIsOnIt() {
        NodeCommand command = NodeCommand.ofThisJvm();

        assertTrue(Files.isExecutable(command.java()), command.java().toString());
        assertTrue(command.classPath().contains("classes") || command.classPath().contains(".jar"), command.classPath());
        assertEquals(List.of("-Xmx512m", "-XX:+UseSerialGC"), command.jvmOptions());
        assertNotNull(NodeCommand.class.getClassLoader().getResource(NodeCommand.NODE_LOGBACK));
    }

    @Test
    void jvmFlagsSplitOnBlanks() {
        assertEquals(List.of("-Xmx1g", "-Dx=y"), NodeCommand.splitFlags("  -Xmx1g   -Dx=y "));
        assertEquals(List.of(), NodeCommand.splitFlags(" "));
    }
}
