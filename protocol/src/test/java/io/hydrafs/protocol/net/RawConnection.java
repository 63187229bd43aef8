package io.hydrafs.protocol.net;

import io.hydrafs.protocol.rpc.RpcResponse;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;

/** A plain blocking socket that speaks (or breaks) the wire format by hand. */
final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawConnection(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) (RpcFixture.WAIT_SECONDS * 1000));
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /**
     * Sends a length prefix claiming {@code declaredLength} bytes, followed by {@code body}, in
     * one write: bytes arriving after the server closed would make it reset the connection
     * and could destroy its error answer before the test reads it.
     */
    void sendFrame(int declaredLength, byte[] body) throws IOException {
        out.write(ByteBuffer.allocate(4 + body.length).putInt(declaredLength).put(body).array());
        out.flush();
    }

    void sendFrame(byte[] body) throws IOException {
        sendFrame(body.length, body);
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    RpcResponse readResponse() throws IOException {
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return RpcResponse.parseFrom(body);
    }

    /** True once the server has closed the connection (end of stream or reset). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (EOFException | SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
