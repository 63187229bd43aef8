package io.hydrafs.ops.cli;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * Reports logback's own warnings and errors (an unwritable log directory, a broken
 * logback.xml) on stderr. Without a listener logback prints them on stdout, which would corrupt
 * command output such as the JSON lines of {@code hydra bench}; logback's stock console
 * listeners also print every INFO line of its configuration. Registered by bin/hydra (-Dlogback.statusListenerClass) so that it also covers a broken logback.xml.
 */
public final class StderrStatusListener implements StatusListener {
    @Override
    public void addStatusEvent(Status status) {
        if (status.getEffectiveLevel() < Status.WARN) {
            return;
        }
        Throwable cause = status.getThrowable();
        System.err.println("hydra: logging: " + status.getMessage() + (cause == null ? "" : " (" + cause + ")"));
    }
}
