package io.hydrafs.client.data;

/**
 * The data path settings of a client (see {@code ClientConfigKeys} for their meaning and defaults).
 *
 * @param clientNode         this host's blockstore id, "" when the client runs on no blockstore
 * @param writeWindowPackets packets sent and not yet acked before a writer blocks
 * @param readBufferPackets  packets a block reader buffers ahead of its consumer
 * @param prefetchBlocks     blocks located per getBlockLocations call
 * @param connectTimeoutMs   TCP connect timeout to a data port
 * @param ackTimeoutMs       longest silence of a pipeline (setup answer, next ack) or of a replica being read
 * @param completeAttempts   complete() attempts on close before TIMEOUT
 */
public record DataOptions(String clientNode, int writeWindowPackets, int readBufferPackets, int prefetchBlocks,
                          long connectTimeoutMs, long ackTimeoutMs, int completeAttempts) {
    public DataOptions {
        if (clientNode == null) {
            clientNode = "";
        }
        if (writeWindowPackets < 1 || readBufferPackets < 1 || prefetchBlocks < 1 || connectTimeoutMs < 1
                || ackTimeoutMs < 1 || completeAttempts < 1) {
            throw new IllegalArgumentException("data options must be positive: " + writeWindowPackets + ", "
                    + readBufferPackets + ", " + prefetchBlocks + ", " + connectTimeoutMs + ", " + ackTimeoutMs
                    + ", " + completeAttempts);
        }
    }

    /** The defaults of {@code ClientConfigKeys}. */
    public static DataOptions defaults() {
        return new DataOptions("", 20, 16, 10, 10_000, 60_000, 8);
    }
}
