package io.hydrafs.protocol.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for servers whose port must be known before they start (Raft peers
 * list each other's ports up front): MiniCluster and local process clusters.
 *
 * <p>Ports come from below the kernel's ephemeral range (Linux: 32768 and up). A port taken
 * with {@code new ServerSocket(0)} lies inside that range, so between choosing it and binding
 * it any outgoing connection (a Raft peer dialling another, a client) may be given it as its
 * local port, and the bind then fails: seen as "Address already in use" in tests that start
 * five meta nodes. Below the range only another listener can take it.
 */
public final class FreePorts {
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000; // exclusive, below Linux's default ephemeral range
    private static final int ATTEMPTS = 200;
    /** Never hand out a port twice in one JVM: a cluster picks all its ports before binding any. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /**
     * A port of 127.0.0.1 that nothing listens on now and that this JVM has not handed out before,
     * below the ephemeral range when one is free there.
     */
    public static int pick() throws IOException {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (!HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
