package io.hydrafs.ops.cli;

import io.hydrafs.blockstore.server.BlockstoreNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code hydra blockstore}: runs one blockstore in the foreground until SIGTERM/SIGINT, then
 * stops it cleanly. Settings come from the config file, and {@code --set key=value} overrides.
 */
@Command(name = "blockstore", mixinStandardHelpOptions = true, description = "Run a blockstore.")
final class BlockstoreCommand implements Callable<Integer> {
    @Mixin
    NodeConfigOptions options = new NodeConfigOptions();

    @Override
    public Integer call() throws Exception {
        BlockstoreNode node = BlockstoreNode.start(options.load());
        options.serve(node, "blockstore", "blockstore " + node.id() + " serving data on "
                + node.location().getHost() + ":" + node.location().getDataPort());
        return HydraCli.EXIT_OK;
    }
}
