package io.hydrafs.protocol.http;

/**
 * Whether a process is fit to serve, as {@code /health} reports it. Called on an I/O thread for
 * every probe, so it must be quick and must not block on the network or disks. A check that
 * throws counts as failing.
 */
@FunctionalInterface
public interface HealthCheck {
    Health check();
}
