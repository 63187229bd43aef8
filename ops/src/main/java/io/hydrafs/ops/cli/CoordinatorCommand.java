package io.hydrafs.ops.cli;

import io.hydrafs.compute.coordinator.CoordinatorConfig;
import io.hydrafs.compute.coordinator.CoordinatorNode;
import io.hydrafs.protocol.config.HydraConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code hydra coordinator}: runs the MapReduce job coordinator in the foreground until
 * SIGTERM/SIGINT, then stops it cleanly. It reaches HydraFS through {@code hydra.meta.addresses}
 * as the cluster superuser ({@link ComputeNodeClient}).
 */
@Command(name = "coordinator", mixinStandardHelpOptions = true, description = "Run the MapReduce job coordinator.")
final class CoordinatorCommand implements Callable<Integer> {
    @Mixin
    NodeConfigOptions options = new NodeConfigOptions();

    @Override
    public Integer call() throws Exception {
        HydraConfig config = options.load();
        CoordinatorConfig settings = CoordinatorConfig.from(config);
        ComputeNodeClient.Running<CoordinatorNode> running =
                ComputeNodeClient.start(config, fs -> CoordinatorNode.start(settings, fs));
        options.serve(running, "coordinator",
                "job coordinator serving on " + settings.bindHost() + ":" + running.node().port());
        return HydraCli.EXIT_OK;
    }
}
