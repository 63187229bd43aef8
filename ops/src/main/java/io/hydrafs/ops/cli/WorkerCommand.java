package io.hydrafs.ops.cli;

import io.hydrafs.compute.worker.WorkerConfig;
import io.hydrafs.compute.worker.WorkerNode;
import io.hydrafs.protocol.config.HydraConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code hydra worker}: runs one MapReduce compute worker in the foreground until
 * SIGTERM/SIGINT, then stops it cleanly. It heartbeats to {@code hydra.compute.coordinator.address}
 * (passed through as given: a comma-separated list names every coordinator) and reaches HydraFS
 * as the cluster superuser ({@link ComputeNodeClient}).
 */
@Command(name = "worker", mixinStandardHelpOptions = true, description = "Run a MapReduce compute worker.")
final class WorkerCommand implements Callable<Integer> {
    @Mixin
    NodeConfigOptions options = new NodeConfigOptions();

    @Override
    public Integer call() throws Exception {
        HydraConfig config = options.load();
        WorkerConfig settings = WorkerConfig.from(config);
        ComputeNodeClient.Running<WorkerNode> running =
                ComputeNodeClient.start(config, fs -> WorkerNode.start(settings, fs));
        WorkerNode node = running.node();
        options.serve(running, "worker", "compute worker " + node.id() + " with " + settings.slots()
                + " slots, shuffle port " + node.shufflePort() + ", coordinator " + settings.coordinatorAddress());
        return HydraCli.EXIT_OK;
    }
}
