package io.hydrafs.ops.cli;

import io.hydrafs.meta.server.MetaNode;
import io.hydrafs.meta.server.MetaNodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code hydra meta}: runs one metadata node in the foreground until SIGTERM/SIGINT, then
 * stops it cleanly. Settings come from the config file, and {@code --set key=value} overrides
 * (so one file can serve every node of a group: {@code --set hydra.meta.id=m2}).
 */
@Command(name = "meta", mixinStandardHelpOptions = true, description = "Run a metadata node.")
final class MetaCommand implements Callable<Integer> {
    @Mixin
    NodeConfigOptions options = new NodeConfigOptions();

    @Override
    public Integer call() throws Exception {
        MetaNode node = MetaNode.start(MetaNodeConfig.from(options.load()));
        options.serve(node, "meta",
                "meta node " + node.id() + " serving clients on " + node.rpcAddress());
        return HydraCli.EXIT_OK;
    }
}
