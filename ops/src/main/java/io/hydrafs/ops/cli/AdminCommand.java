package io.hydrafs.ops.cli;

import io.hydrafs.client.ClientOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.ops.admin.AdminClient;
import io.hydrafs.ops.admin.AdminReportView;
import io.hydrafs.ops.admin.Fsck;
import io.hydrafs.ops.admin.FsckSummary;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockstoreReport;
import io.hydrafs.protocol.meta.ClusterStatusResponse;
import io.hydrafs.protocol.meta.DecommissionResponse;
import io.hydrafs.protocol.meta.SnapshotResponse;
import io.hydrafs.protocol.meta.TransferLeaderResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code hydra admin VERB}: an operator's view and levers of a running cluster (as HDFS's
 * dfsadmin and fsck). Every verb but fsck and leader needs the superuser. A failure is one line
 * on stderr with exit code 1; fsck also exits 1 when the tree is not healthy.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Administer a running cluster: report, fsck, leader, transfer-leader, snapshot, decommission, "
                + "set-quota, clear-quota, set-space-quota, clear-space-quota.",
        subcommands = {AdminCommand.Report.class, AdminCommand.FsckVerb.class, AdminCommand.Leader.class,
                AdminCommand.TransferLeader.class, AdminCommand.Snapshot.class, AdminCommand.Decommission.class,
                QuotaCommands.SetQuota.class, QuotaCommands.ClearQuota.class, QuotaCommands.SetSpaceQuota.class,
                QuotaCommands.ClearSpaceQuota.class})
final class AdminCommand implements Callable<Integer> {
    // a leadership transfer or a snapshot of a large store takes seconds: longer than a namespace call
    private static final long ADMIN_RPC_TIMEOUT_MS = 60_000;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return HydraCli.EXIT_USAGE;
    }

    /** The parts every admin verb shares: where the cluster is, and a client to it. */
    abstract static class Verb implements Callable<Integer> {
        @Mixin
        MetaEndpointOptions endpoint;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() throws HydraException {
            ClientOptions options = endpoint.clientOptions(ADMIN_RPC_TIMEOUT_MS);
            if (options == null) {
                throw new ParameterException(spec.commandLine(), "--meta and --dir are alternatives: give one of them");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (HydraFileSystem fs = HydraFileSystem.connect(options)) {
                return run(fs, new AdminClient(fs.meta()), out);
            } finally {
                out.flush();
            }
        }

        abstract int run(HydraFileSystem fs, AdminClient admin, PrintWriter out) throws HydraException;
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "The leader's view: meta nodes, blockstores (live or dead, space, replicas, decommissioning), "
                    + "under-replicated and missing blocks.")
    static final class Report extends Verb {
        @Override
        int run(HydraFileSystem fs, AdminClient admin, PrintWriter out) throws HydraException {
            AdminReportView.lines(admin.report()).forEach(out::println);
            return HydraCli.EXIT_OK;
        }
    }

    @Command(name = "fsck", mixinStandardHelpOptions = true,
            description = "Checks every file under PATH: each block's replicas as the leader knows them (HEALTHY, "
                    + "UNDER_REPLICATED n/m, MISSING, CORRUPT). Exit code 0 when the tree is HEALTHY (no missing or "
                    + "corrupt block), 1 otherwise.")
    static final class FsckVerb extends Verb {
        @Parameters(paramLabel = "PATH", description = "An absolute path.")
        String path;

        @Override
        int run(HydraFileSystem fs, AdminClient admin, PrintWriter out) throws HydraException {
            FsckSummary summary = new Fsck(fs, out).run(path);
            summary.lines().forEach(out::println);
            return summary.healthy() ? HydraCli.EXIT_OK : HydraCli.EXIT_FAILED;
        }
    }

    @Command(name = "leader", mixinStandardHelpOptions = true, description = "Prints the leader's id, address and term.")
    static final class Leader extends Verb {
        @Override
        int run(HydraFileSystem fs, AdminClient admin, PrintWriter out) throws HydraException {
            ClusterStatusResponse s = admin.leader();
            out.println(s.getLeaderId() + " " + s.getLeaderAddress() + " (term " + s.getTerm() + ")");
            return HydraCli.EXIT_OK;
        }
    }

    @Command(name = "transfer-leader", mixinStandardHelpOptions = true,
            description = "Hands leadership to meta node NODE and waits until it leads.")
    static final class TransferLeader extends Verb {
        @Parameters(paramLabel = "NODE", description = "A meta node id, e.g. m1.")
        String node;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
                description = "Longest wait for NODE to lead. Default: ${DEFAULT-VALUE}.")
        int timeoutSeconds;

        @Override
        int run(HydraFileSystem fs, AdminClient admin, PrintWriter out) throws HydraException {
            if (timeoutSeconds < 1 || timeoutSeconds > 120) {
                throw new ParameterException(spec.commandLine(), "--timeout must be 1 to 120 seconds");
            }
            TransferLeaderResponse r = admin.transferLeader(node, timeoutSeconds * 1000L);
            out.println("leader is now " + r.getLeaderId() + " " + r.getLeaderAddress());
            return HydraCli.EXIT_OK;
        }
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true,
            description = "Takes a state machine snapshot now on meta node NODE (default: the leader); prints its index.")
    static final class Snapshot extends Verb {
        @Parameters(paramLabel = "NODE", arity = "0..1", description = "A meta node id. Default: the leader.")
        String node;

        @Override
        int run(HydraFileSystem fs, AdminClient admin, PrintWriter out) throws HydraException {
            SnapshotResponse r = admin.snapshot(Optional.ofNullable(node));
            out.println("snapshot of " + r.getNodeId() + " at index " + r.getSnapshotIndex());
            return HydraCli.EXIT_OK;
        }
    }

    @Command(name = "decommission", mixinStandardHelpOptions = true,
            description = {"Starts decommissioning BLOCKSTORE: it gets no new block and its blocks are copied to other "
                    + "blockstores; 'hydra admin report' says when it is safe to remove. --undo ends it.",
                    "%nThe flag is the leader's soft state: after a leader change, decommission again.%n"})
    static final class Decommission extends Verb {
        @Parameters(paramLabel = "BLOCKSTORE", description = "A blockstore id (see 'hydra admin report').")
        String blockstore;

        @Option(names = "--undo", description = "End decommissioning: the blockstore takes new blocks again.")
        boolean undo;

        @Override
        int run(HydraFileSystem fs, AdminClient admin, PrintWriter out) throws HydraException {
            DecommissionResponse r = admin.decommission(blockstore, !undo);
            BlockstoreReport b = r.getBlockstore();
            out.println(b.getLocation().getId() + ": " + (undo ? "in service" : "decommissioning, "
                    + AdminReportView.decommission(b)));
            return HydraCli.EXIT_OK;
        }
    }
}
