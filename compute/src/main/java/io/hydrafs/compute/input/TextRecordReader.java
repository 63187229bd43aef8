package io.hydrafs.compute.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the lines a split owns: those whose first byte lies in {@code [start, end)}. A line
 * starts at offset 0 and right after every {@code \n}. So a split not starting at 0 looks at
 * the byte before its start: if that is {@code \n}, a line starts exactly at {@code start};
 * otherwise the split skips through the next {@code \n} (that partial line belongs to the
 * previous split, which reads past its end to finish it). Every line is read exactly once.
 */
final class TextRecordReader implements RecordReader<Long, String> {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final long end;
    private final long openedAt;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int bufferPos;
    private int bufferLimit;
    private long pos;
    private byte[] line = new byte[256];
    private Long key;
    private String value;

    TextRecordReader(FileSource source, InputSplit split) throws IOException {
        this.end = split.end();
        long start = split.start();
        this.openedAt = start == 0 ? 0 : start - 1;
        this.in = source.openAt(split.path(), openedAt);
        this.pos = openedAt;
        if (start > 0) {
            int b;
            do {
                b = readByte();
            } while (b != -1 && b != '\n');
        }
    }

    @Override
    public boolean next() throws IOException {
        if (pos >= end) {
            return false;
        }
        long lineStart = pos;
        int length = 0;
        int b = readByte();
        if (b == -1) {
            return false;
        }
        while (b != -1 && b != '\n') {
            if (length == line.length) {
                line = Arrays.copyOf(line, length * 2);
            }
            line[length++] = (byte) b;
            b = readByte();
        }
        if (b == '\n' && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        key = lineStart;
        value = new String(line, 0, length, StandardCharsets.UTF_8);
        return true;
    }

    private int readByte() throws IOException {
        if (bufferPos == bufferLimit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return -1;
            }
            bufferPos = 0;
            bufferLimit = n;
        }
        pos++;
        return buffer[bufferPos++] & 0xff;
    }

    @Override
    public Long key() {
        return key;
    }

    @Override
    public String value() {
        return value;
    }

    @Override
    public long bytesRead() {
        return pos - openedAt;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
