package io.hydrafs.compute.examples;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.EmittingContext;
import io.hydrafs.compute.api.TaskAttemptId;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordCountTest {

    private static List<String> tokens(String line) throws IOException {
        List<String> words = new ArrayList<>();
        new WordCount.TokenMapper().map(0L, line, new EmittingContext<String, Long>((w, one) -> {
            assertEquals(1L, one);
            words.add(w);
        }, new Counters(), Map.of(), new TaskAttemptId(TaskAttemptId.TaskType.MAP, 0, 0)));
        return words;
    }

    @Test
    void tokenMapperSplitsExactlyWhereTheRegexWhitespaceClassDoes() throws IOException {
        // the six \s characters, and look-alikes \s does not match (no-break and ideographic space)
        char[] alphabet = {'a', 'b', 'é', '日', ' ', '\t', '\n', 0x0b, '\f', '\r', '\u00a0', '\u3000'};
        Random random = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder line = new StringBuilder();
            for (int n = random.nextInt(20); n > 0; n--) {
                line.append(alphabet[random.nextInt(alphabet.length)]);
            }
            List<String> expected = Arrays.stream(line.toString().split("\\s+")).filter(w -> !w.isEmpty()).toList();
            assertEquals(expected, tokens(line.toString()), "line " + line);
        }
    }
}
