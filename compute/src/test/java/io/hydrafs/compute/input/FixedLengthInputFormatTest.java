package io.hydrafs.compute.input;

import io.hydrafs.client.FileStatus;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedLengthInputFormatTest {
    private static final String PATH = "/records.bin";
    private static final int RECORD = 7;

    private static FileStatus file(long length) {
        return new FileStatus(PATH, false, length, 3, 1024, 0, 0, 0644, "u", "g", 1, false, 0);
    }

    @Test
    void everyRecordIsReadExactlyOnceWhateverTheSplitSize() throws IOException {
        byte[] data = new byte[RECORD * 50];
        new Random(3).nextBytes(data);
        List<String> expected = new ArrayList<>();
        for (int off = 0; off < data.length; off += RECORD) {
            expected.add(off + ":" + HexFormat.of().formatHex(data, off, off + RECORD));
        }
        FixedLengthInputFormat format = new FixedLengthInputFormat(RECORD);
        ByteArrayFiles files = new ByteArrayFiles().put(PATH, data);
        for (int splitBytes = 1; splitBytes <= 60; splitBytes++) {
            assertEquals(expected, ByteArrayFiles.readAll(format, files,
                    ByteArrayFiles.evenSplits(PATH, data.length, splitBytes), v -> HexFormat.of().formatHex(v)),
                    "split bytes " + splitBytes);
        }
    }

    @Test
    void fileLengthNotAMultipleOfTheRecordLengthIsRefused() {
        FixedLengthInputFormat format = new FixedLengthInputFormat(RECORD);
        HydraException e = assertThrows(HydraException.class, () -> format.checkFile(file(RECORD * 3 + 2)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains(PATH), e.getMessage());
    }

    @Test
    void aTruncatedLastRecordFailsTheReader() {
        byte[] data = new byte[RECORD * 2 + 3];
        ByteArrayFiles files = new ByteArrayFiles().put(PATH, data);
        FixedLengthInputFormat format = new FixedLengthInputFormat(RECORD);
        HydraException e = assertThrows(HydraException.class, () -> ByteArrayFiles.readAll(format, files,
                List.of(new InputSplit(PATH, 0, data.length, List.of())), v -> ""));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
}
