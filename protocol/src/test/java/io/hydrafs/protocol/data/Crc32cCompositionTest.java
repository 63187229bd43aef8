package io.hydrafs.protocol.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class Crc32cCompositionTest {
    private static int crc(byte[] data, int from, int to) {
        CRC32C c = new CRC32C();
        c.update(data, from, to - from);
        return (int) c.getValue();
    }

    @Test
    void concatenationOfTwoPartsEqualsTheCrcOfTheWhole() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            byte[] data = new byte[random.nextInt(3000)];
            random.nextBytes(data);
            int split = data.length == 0 ? 0 : random.nextInt(data.length + 1);

            int composed = Crc32cComposition.concat(crc(data, 0, split), crc(data, split, data.length),
                    data.length - split);

            assertEquals(crc(data, 0, data.length), composed, "length " + data.length + ", split at " + split);
        }
    }

    @Test
    void chunkChecksumsComposeIntoTheCrcOfTheBlock() {
        byte[] block = new byte[5 * DataChecksums.BYTES_PER_CHUNK + 123];
        new Random(7).nextBytes(block);

        int composed = Crc32cComposition.EMPTY;
        for (int off = 0; off < block.length; off += DataChecksums.BYTES_PER_CHUNK) {
            int end = Math.min(block.length, off + DataChecksums.BYTES_PER_CHUNK);
            composed = Crc32cComposition.concat(composed, crc(block, off, end), end - off);
        }

        assertEquals(crc(block, 0, block.length), composed);
    }

    @Test
    void emptyPartsChangeNothing() {
        byte[] data = "hydra".getBytes();
        int whole = crc(data, 0, data.length);

        assertEquals(whole, Crc32cComposition.concat(whole, Crc32cComposition.EMPTY, 0));
        assertEquals(whole, Crc32cComposition.concat(Crc32cComposition.EMPTY, whole, data.length));
        assertEquals(0, crc(data, 0, 0), "the CRC32C of nothing is the composition's neutral start");
    }

    @Test
    void compositionIsAssociativeForLengthsBeyondTwoGibibytes() {
        // (A||B)||C must equal A||(B||C): checks x^(8n) for n past int range, where no data can
        // be checksummed directly in a test
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int a = random.nextInt();
            int b = random.nextInt();
            int c = random.nextInt();
            long lengthB = (1L << 31) + (random.nextLong() >>> 20);
            long lengthC = (1L << 33) + (random.nextLong() >>> 20);

            int left = Crc32cComposition.concat(Crc32cComposition.concat(a, b, lengthB), c, lengthC);
            int right = Crc32cComposition.concat(a, Crc32cComposition.concat(b, c, lengthC), lengthB + lengthC);

            assertEquals(left, right, "lengths " + lengthB + " and " + lengthC);
        }
    }

    @Test
    void twoMebibytesOfZerosComposeFromTwoHalves() {
        byte[] zeros = new byte[2 << 20];
        int mib = crc(zeros, 0, 1 << 20);

        assertEquals(crc(zeros, 0, zeros.length), Crc32cComposition.concat(mib, mib, 1 << 20));
    }

    @Test
    void negativeLengthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Crc32cComposition.concat(1, 2, -1));
    }
}
