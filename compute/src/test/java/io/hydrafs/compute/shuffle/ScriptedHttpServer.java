package io.hydrafs.compute.shuffle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A misbehaving shuffle server for failure tests: answers the first request with fixed bytes,
 * then either hangs up (a killed worker) or holds the connection silently (a stalled one)
 * until closed. Binds 127.0.0.1 on an ephemeral port.
 */
final class ScriptedHttpServer implements AutoCloseable {
    private final ServerSocket listener;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);

    ScriptedHttpServer(byte[] answer, boolean hangUpAfterAnswer) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.thread = new Thread(() -> serve(answer, hangUpAfterAnswer), "scripted-http");
        thread.setDaemon(true);
        thread.start();
    }

    /** Headers of a 200 announcing {@code contentLength} bytes with CRC32C {@code crc}. */
    static byte[] okHeaders(long contentLength, int crc) {
        return ("HTTP/1.1 200 OK\r\nContent-Length: " + contentLength + "\r\n" + SegmentChecksums.HEADER + ": "
                + SegmentChecksums.format(crc) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void serve(byte[] answer, boolean hangUpAfterAnswer) {
        try (Socket s = listener.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                // the request is not looked at: the answer is scripted
            }
            OutputStream out = s.getOutputStream();
            out.write(answer);
            out.flush();
            if (!hangUpAfterAnswer) {
                closed.await();
            }
        } catch (IOException | InterruptedException e) {
            // closing the test server ends the script
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        closed.countDown();
        listener.close();
        thread.join(5_000);
    }
}
