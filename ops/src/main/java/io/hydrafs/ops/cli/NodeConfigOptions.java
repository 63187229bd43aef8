package io.hydrafs.ops.cli;

import io.hydrafs.protocol.config.HydraConfig;
import picocli.CommandLine.Option;

import io.hydrafs.ops.config.ConfigKeyCatalog;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * What every foreground node verb shares ({@code hydra meta}, {@code hydra blockstore},
 * {@code hydra coordinator}, {@code hydra worker}): the
 * config file with {@code --set} overrides, and running the node until SIGTERM/SIGINT, then
 * closing it cleanly.
 */
final class NodeConfigOptions {
    @Option(names = "--config", description = "Config file (properties).")
    Path configFile;

    @Option(names = "--set", description = "Override a config key: key=value (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--pid-file", paramLabel = "FILE",
            description = "Write this process's pid here once the node serves; removed when it stops.")
    Path pidFile;

    /**
     * The file's settings with the overrides applied. Fails with one line (INVALID_ARGUMENT)
     * naming the file when it is missing or unreadable, or a key that no role knows.
     */
    HydraConfig load() throws HydraException {
        ConfigKeyCatalog catalog = ConfigKeyCatalog.ofAllRoles();
        HydraConfig config = HydraConfig.empty();
        if (configFile != null) {
            try {
                config = HydraConfig.load(configFile);
            } catch (NoSuchFileException e) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "config file " + configFile + " does not exist");
            } catch (IOException e) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "cannot read config file " + configFile + ": "
                        + e.getMessage());
            }
            catalog.requireKnown(config.asMap().keySet(), configFile.toString());
        }
        catalog.requireKnown(overrides.keySet(), "--set");
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            config = config.with(e.getKey(), e.getValue());
        }
        return config;
    }

    /** As {@link #serveUntilStopped}, with the {@code --pid-file} written while the node serves. */
    void serve(AutoCloseable node, String name, String startedLine) throws InterruptedException, HydraException {
        if (pidFile == null) {
            serveUntilStopped(node, name, startedLine);
            return;
        }
        PidFile pid;
        try {
            pid = PidFile.write(pidFile);
        } catch (HydraException e) {
            closeQuietly(node);
            throw e;
        }
        serveUntilStopped(() -> {
            try {
                node.close();
            } finally {
                pid.close();
            }
        }, name, startedLine);
    }

    private static void closeQuietly(AutoCloseable node) {
        try {
            node.close();
        } catch (Exception e) {
            // already failing with the pid file's error
        }
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
