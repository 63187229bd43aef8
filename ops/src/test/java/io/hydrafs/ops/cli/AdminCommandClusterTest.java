package io.hydrafs.ops.cli;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.minicluster.MiniCluster;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hydra admin} against a MiniCluster, as an operator would run it. The verbs that leave
 * the cluster as they found it share one cluster; those that stop blockstores or decommission
 * one start their own.
 */
class AdminCommandClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static MiniCluster shared;

    @BeforeAll
    static void startShared() throws IOException {
        shared = cluster(3).start();
    }

    @AfterAll
    static void stopShared() {
        if (shared != null) {
            shared.close();
        }
    }

    static MiniCluster.Builder cluster(int blockstores) {
        return MiniCluster.builder().metaNodes(3).blockstores(blockstores)
                .config("hydra.meta.namespace.min.block.size.bytes", "512");
    }

    private static CliInvocation admin(MiniCluster cluster, String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "admin";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--meta";
        full[args.length + 2] = cluster.metaAddresses();
        return CliInvocation.of(full);
    }

    /** A file of three 1 KiB blocks, each replicated thrice. */
    private static void writeFile(HydraFileSystem fs, String path) throws IOException {
        byte[] data = new byte[3 * 1024];
        new Random(7).nextBytes(data);
        try (OutputStream out = fs.create(path, CreateOptions.builder().replication(3).blockSizeBytes(1024)
                .createParent(true).build())) {
            out.write(data);
        }
    }

    @Test
    void reportListsEveryBlockstoreLiveThenOneDeadAfterItStops() throws IOException {
        try (MiniCluster cluster = cluster(3).start()) {
            CliInvocation before = admin(cluster, "report");
            assertEquals(0, before.exitCode(), before.toString());
            assertTrue(before.outLines().contains("Blockstores: 3 live, 0 dead"), before.toString());
            assertTrue(before.out().contains("Meta nodes (leader m"), before.toString());

            String stopped = cluster.blockstore(0).id();
            cluster.stopBlockstore(0);

            await().atMost(WAIT).until(() -> admin(cluster, "report").outLines().contains("Blockstores: 2 live, 1 dead"));
            CliInvocation after = admin(cluster, "report");
            assertTrue(after.outLines().stream().anyMatch(l -> l.contains(stopped) && l.contains("dead (")),
                    after.toString());
        }
    }

    @Test
    void decommissioningGoesOnUnderANewMetaLeaderAndAfterAWholeGroupRestart() throws IOException {
        try (MiniCluster cluster = cluster(4).start()) {
            HydraFileSystem fs = cluster.newClient();
            writeFile(fs, "/decom/f");
            String retiring = fs.meta().getBlockLocations("/decom/f", 0, 0).getBlocks(0).getTargets(0);
            CliInvocation started = admin(cluster, "decommission", retiring);
            assertEquals(0, started.exitCode(), started.toString());

            int oldLeader = cluster.awaitLeader(WAIT);
            cluster.stopMeta(oldLeader);
            int newLeader = cluster.awaitLeader(WAIT);

            assertTrue(newLeader != oldLeader);
            await().atMost(WAIT).until(() -> admin(cluster, "report").outLines().stream()
                    .anyMatch(l -> l.contains(retiring) && l.endsWith("safe to remove")));
            for (LocatedBlockProto block : fs.meta().getBlockLocations("/decom/f", 0, 0).getBlocksList()) {
                Set<String> elsewhere = new HashSet<>(block.getTargetsList());
                elsewhere.remove(retiring);
                assertEquals(3, elsewhere.size(), "block on " + block.getTargetsList());
            }
            // the new leader places no new block on it either
            writeFile(fs, "/decom/after-failover");
            for (LocatedBlockProto block : fs.meta().getBlockLocations("/decom/after-failover", 0, 0).getBlocksList()) {
                assertFalse(block.getTargetsList().contains(retiring), "block on " + block.getTargetsList());
            }

            // A restart of the whole meta group replays no entry (all are in the stores already): the
            // new leader loads the set from its store. (Checked on the leader's BlockManager, not
            // the report: blockstores do not reconnect to restarted meta nodes yet, a MetaLink
            // keeps its broken channel.)
            for (int i = 0; i < cluster.metaCount(); i++) {
                cluster.stopMeta(i);
            }
            for (int i = 0; i < cluster.metaCount(); i++) {
                cluster.startMeta(i);
            }
            int restartedLeader = cluster.awaitLeader(WAIT);
            await().atMost(WAIT).until(() -> cluster.meta(restartedLeader).blocks().isDecommissioning(retiring));
        }
    }

    @Test
    void transferLeaderMovesLeadershipToTheNamedNode() {
        int target = (shared.awaitLeader(WAIT) + 1) % shared.metaCount();
        String targetId = shared.meta(target).id();

        CliInvocation moved = admin(shared, "transfer-leader", targetId);

        assertEquals(0, moved.exitCode(), moved.toString());
        assertTrue(moved.out().startsWith("leader is now " + targetId), moved.toString());
        await().atMost(WAIT).until(() -> shared.meta(target).isLeader());
        await().atMost(WAIT).until(() -> admin(shared, "leader").out().startsWith(targetId + " "));
    }

    @Test
    void transferLeaderToAnUnknownNodeFailsInOneLine() {
        CliInvocation failed = admin(shared, "transfer-leader", "m9");

        assertEquals(HydraCli.EXIT_FAILED, failed.exitCode(), failed.toString());
        assertEquals(1, failed.errLines().size(), failed.toString());
        assertTrue(failed.err().contains("INVALID_ARGUMENT") && failed.err().contains("m9"), failed.toString());
    }

    @Test
    void quotasAreSetShownByCountAndEnforcedThenCleared() throws Exception {
        FsCli fs = new FsCli(shared);
        assertEquals(0, fs.run("mkdir", "-p", "/quota/a", "/quota/b").exitCode());

        CliInvocation set = admin(shared, "set-quota", "2", "/quota/a", "/quota/missing", "/quota/b");
        CliInvocation space = admin(shared, "set-space-quota", "1k", "/quota/a");

        assertEquals(HydraCli.EXIT_FAILED, set.exitCode(), set.toString());
        assertEquals(List.of("set-quota: /quota/missing: No such file or directory"), set.errLines());
        assertEquals(0, space.exitCode(), space.toString());
        CliInvocation count = fs.run("count", "-q", "/quota/a", "/quota/b");
        assertEquals(List.of(
                "           2               1            1024            1024            1            0                  0 /quota/a",
                "           2               1            none             inf            1            0                  0 /quota/b"),
                count.outLines(), count.toString());

        assertEquals(0, fs.run("mkdir", "/quota/a/one").exitCode());
        CliInvocation refused = fs.run("mkdir", "/quota/a/two");
        assertEquals(HydraCli.EXIT_FAILED, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("Quota exceeded"), refused.toString());

        assertEquals(0, admin(shared, "clear-quota", "/quota/a").exitCode());
        assertEquals(0, admin(shared, "clear-space-quota", "/quota/a").exitCode());
        assertEquals(0, fs.run("mkdir", "/quota/a/two").exitCode());
        assertTrue(fs.run("count", "-q", "/quota/a").out().startsWith("        none             inf            none"));
    }

    @Test
    void aQuotaThatIsNotANumberIsAUsageError() {
        CliInvocation bad = admin(shared, "set-space-quota", "lots", "/quota");

        assertEquals(HydraCli.EXIT_USAGE, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("space quota"), bad.toString());
    }

    @Test
    void snapshotAfterWritesAnswersAPositiveIndex() throws Exception {
        HydraFileSystem fs = shared.newClient();
        for (int i = 0; i < 5; i++) {
            fs.mkdirs("/snap/d" + i);
        }

        CliInvocation onLeader = admin(shared, "snapshot");
        CliInvocation onM1 = admin(shared, "snapshot", "m1");

        assertEquals(0, onLeader.exitCode(), onLeader.toString());
        assertTrue(snapshotIndex(onLeader) > 0, onLeader.toString());
        assertEquals(0, onM1.exitCode(), onM1.toString());
        assertTrue(onM1.out().startsWith("snapshot of m1 at index "), onM1.toString());
        assertTrue(snapshotIndex(onM1) > 0, onM1.toString());
    }

    private static long snapshotIndex(CliInvocation run) {
        Matcher m = Pattern.compile("at index (\\d+)").matcher(run.out());
        assertTrue(m.find(), run.toString());
        return Long.parseLong(m.group(1));
    }

    @Test
    void aUserOtherThanTheSuperuserIsDenied() {
        for (List<String> verb : List.of(List.of("report"), List.of("snapshot"), List.of("transfer-leader", "m0"),
                List.of("decommission", shared.blockstore(0).id()))) {
            String[] args = new String[verb.size() + 2];
            for (int i = 0; i < verb.size(); i++) {
                args[i] = verb.get(i);
            }
            args[verb.size()] = "--user";
            args[verb.size() + 1] = "mallory";

            CliInvocation denied = admin(shared, args);

            assertEquals(HydraCli.EXIT_FAILED, denied.exitCode(), denied.toString());
            assertTrue(denied.err().contains("PERMISSION_DENIED"), denied.toString());
        }
    }

    @Test
    void fsckIsHealthyOnAFreshFileAndMissingOnceEveryHolderOfABlockStops() throws IOException {
        try (MiniCluster cluster = cluster(3).start()) {
            HydraFileSystem fs = cluster.newClient();
            writeFile(fs, "/fsck/f");

            CliInvocation healthy = admin(cluster, "fsck", "/fsck");
            assertEquals(0, healthy.exitCode(), healthy.toString());
            assertTrue(healthy.outLines().contains("The filesystem under path '/fsck' is HEALTHY"), healthy.toString());
            assertTrue(healthy.out().contains("/fsck/f 3072 B, 3 block(s), replication 3: HEALTHY"), healthy.toString());

            Set<String> holders = new HashSet<>(fs.meta().getBlockLocations("/fsck/f", 0, 0).getBlocks(0).getTargetsList());
            for (int i = 0; i < cluster.blockstoreCount(); i++) {
                if (holders.contains(cluster.blockstore(i).id())) {
                    cluster.stopBlockstore(i);
                }
            }

            await().atMost(WAIT).until(() -> admin(cluster, "fsck", "/fsck").exitCode() == HydraCli.EXIT_FAILED);
            CliInvocation missing = admin(cluster, "fsck", "/fsck");
            assertTrue(missing.out().contains("MISSING"), missing.toString());
            assertTrue(missing.outLines().contains("The filesystem under path '/fsck' is CORRUPT"), missing.toString());
        }
    }

    @Test
    void aDecommissionedBlockstoreBecomesSafeToRemoveOnceItsBlocksHaveThreeGoodReplicasElsewhere()
            throws IOException {
        try (MiniCluster cluster = cluster(4).start()) {
            HydraFileSystem fs = cluster.newClient();
            writeFile(fs, "/decom/f");
            String retiring = fs.meta().getBlockLocations("/decom/f", 0, 0).getBlocks(0).getTargets(0);

            CliInvocation started = admin(cluster, "decommission", retiring);

            assertEquals(0, started.exitCode(), started.toString());
            assertTrue(started.out().startsWith(retiring + ": decommissioning"), started.toString());
            await().atMost(WAIT).until(() -> admin(cluster, "report").outLines().stream()
                    .anyMatch(l -> l.contains(retiring) && l.endsWith("safe to remove")));
            for (LocatedBlockProto block : fs.meta().getBlockLocations("/decom/f", 0, 0).getBlocksList()) {
                Set<String> elsewhere = new HashSet<>(block.getTargetsList());
                elsewhere.remove(retiring);
                assertEquals(3, elsewhere.size(), "block " + block.getBlock().getBlockId() + " on " + block.getTargetsList());
            }

            CliInvocation undone = admin(cluster, "decommission", retiring, "--undo");
            assertEquals(0, undone.exitCode(), undone.toString());
            assertTrue(admin(cluster, "report").outLines().stream()
                    .anyMatch(l -> l.contains(retiring) && l.endsWith("-")));
        }
    }
}
