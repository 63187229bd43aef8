package io.hydrafs.ops.local;

import io.hydrafs.meta.server.MetaPeer;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.FreePorts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports of a local cluster, on 127.0.0.1 only. Free ports are found by binding port 0; all
 * of one request are held open together so they are distinct. Another process may still take
 * one before a node binds it: the node then fails to start and its log says so.
 */
final class LoopbackPorts {
    static final String HOST = "127.0.0.1";
    private static final int CONNECT_TIMEOUT_MS = 1_000;

    private LoopbackPorts() {
    }

    /** Distinct free ports, below the ephemeral range where possible (see {@link FreePorts}). */
    static List<Integer> chooseFree(int count) throws HydraException {
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ports.add(FreePorts.pick());
            }
            return ports;
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot find free ports on " + HOST + ": " + e.getMessage(), e);
        }
    }

    /** Fails with IO_ERROR naming the port and its use if the peer's Raft or client port is taken. */
    static void checkFree(MetaPeer peer) throws HydraException {
        checkFree(peer.raftPort(), "Raft port of " + peer.id());
        checkFree(peer.rpcPort(), "client port of " + peer.id());
    }

    /** Fails with IO_ERROR naming the port and its use if the blockstore's data port is taken. */
    static void checkFree(LocalBlockstore blockstore) throws HydraException {
        checkFree(blockstore.dataPort(), "data port of " + blockstore.id());
    }

    /** Whether something accepts connections on the port: how a blockstore, which answers no RPC, shows it serves. */
    static boolean isListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with IO_ERROR naming the port and {@code what} uses it if something listens on it. */
    static void checkFree(int port, String what) throws HydraException {
        // SO_REUSEADDR as the servers use it: a port in TIME_WAIT after a crash is usable, one with a listener is not
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "port " + HOST + ":" + port + " (" + what
                    + ") is in use by another process", e);
        }
    }
}
