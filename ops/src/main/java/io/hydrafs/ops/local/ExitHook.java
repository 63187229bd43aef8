package io.hydrafs.ops.local;

/**
 * A JVM shutdown hook that can be withdrawn: a cluster started by this JVM registers one so
 * that its nodes do not outlive the JVM, and withdraws it when it is closed or detached (the
 * nodes then stop, or stay on purpose). Withdrawing twice, or after the JVM began to exit, is
 * harmless.
 */
final class ExitHook {
    private final Thread thread;
    private boolean registered;

    ExitHook(String name, Runnable onExit) {
        this.thread = new Thread(onExit, name);
    }

    synchronized void register() {
        if (!registered) {
            Runtime.getRuntime().addShutdownHook(thread);
            registered = true;
        }
    }

    synchronized void withdraw() {
        if (!registered) {
            return;
        }
        registered = false;
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: the hook is running or has run
        }
    }
}
