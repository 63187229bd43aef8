package io.hydrafs.ops.cli;

import io.hydrafs.protocol.config.HydraConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * What every foreground node verb shares ({@code hydra meta}, {@code hydra blockstore}): the
 * config file with {@code --set} overrides, and running the node until SIGTERM/SIGINT, then
 * closing it cleanly.
 */
final class NodeConfigOptions {
    @Option(names = "--config", description = "Config file (properties).")
    Path configFile;

    @Option(names = "--set", description = "Override a config key: key=value (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    HydraConfig load() throws IOException {
        HydraConfig config = configFile == null ? HydraConfig.empty() : HydraConfig.load(configFile);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            config = config.with(e.getKey(), e.getValue());
        }
        return config;
    }

    /** Prints {@code startedLine}, then blocks until the JVM is asked to stop, which closes {@code node}. */
    static void serveUntilStopped(AutoCloseable node, String name, String startedLine) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                System.err.println("hydra " + name + ": stopping failed: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, name + "-shutdown"));
        System.out.println(startedLine);
        System.out.flush();
        stopped.await();
    }
}
