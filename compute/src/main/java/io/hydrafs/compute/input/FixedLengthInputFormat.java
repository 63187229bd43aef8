package io.hydrafs.compute.input;

import io.hydrafs.client.FileStatus;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Records of exactly {@code recordLength} bytes, back to back: key = the record's byte
 * offset, value = its bytes. A split owns the records starting in {@code [start, end)}, so it
 * begins at the first record boundary at or after its start and reads its last record whole
 * even past its end. A file whose length is not a multiple of the record length is refused
 * when the splits are made (INVALID_ARGUMENT), before any task runs.
 */
public final class FixedLengthInputFormat implements InputFormat<Long, byte[]> {
    private static final int READ_BUFFER_BYTES = 256 * 1024;
    private final int recordLength;

    public FixedLengthInputFormat(int recordLength) {
        if (recordLength <= 0) {
            throw new IllegalArgumentException("record length must be positive: " + recordLength);
        }
        this.recordLength = recordLength;
    }

    public int recordLength() {
        return recordLength;
    }

    @Override
    public void checkFile(FileStatus file) throws HydraException {
        if (file.length() % recordLength != 0) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "input " + file.path() + " is " + file.length()
                    + " bytes, not a multiple of the record length " + recordLength);
        }
    }

    @Override
    public RecordReader<Long, byte[]> reader(FileSource source, InputSplit split) throws IOException {
        long first = (split.start() + recordLength - 1) / recordLength * recordLength;
        if (first >= split.end()) {
            return new Reader(null, first, split);
        }
        // records are small: one bulk read per buffer instead of a trip through the block reader per record
        return new Reader(new BufferedInputStream(source.openAt(split.path(), first), READ_BUFFER_BYTES), first, split);
    }

    private final class Reader implements RecordReader<Long, byte[]> {
        private final InputStream in;
        private final InputSplit split;
        private final long first;
        private long pos;
        private byte[] value;

        Reader(InputStream in, long first, InputSplit split) {
            this.in = in;
            this.first = first;
            this.pos = first;
            this.split = split;
        }

        @Override
        public boolean next() throws IOException {
            if (in == null || pos >= split.end()) {
                return false;
            }
            byte[] record = new byte[recordLength];
            try {
                int n = in.readNBytes(record, 0, recordLength);
                if (n == 0) {
                    return false;
                }
                if (n < recordLength) {
                    throw new EOFException();
                }
            } catch (EOFException e) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "input " + split.path()
                        + " ends inside the record at " + pos + " (record length " + recordLength + ")");
            }
            Invariants.check(pos % recordLength == 0, "record reader off its record boundary");
            value = record;
            pos += recordLength;
            return true;
        }

        @Override
        public Long key() {
            return pos - recordLength;
        }

        @Override
        public byte[] value() {
            return value;
        }

        @Override
        public long bytesRead() {
            return pos - first;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
