package io.hydrafs.ops.quickstart;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailoverReportTest {
    private static final Duration S = Duration.ofSeconds(1);

    private static FailoverReport report(long acknowledged, long present, long stillOpen, long failedCalls,
                                         Duration resumedAfter) {
        return new FailoverReport("m2", 123, 1, Duration.ofSeconds(2), "m3", 2, S, resumedAfter, Duration.ofMillis(2500),
                acknowledged, present, stillOpen, 0, failedCalls, failedCalls == 0 ? List.of() : List.of("/f/w0/f9: NO_LEADER"));
    }

    @Test
    void everyAcknowledgedCreatePresentAndClosedWithNoFailedCallPasses() {
        FailoverReport r = report(500, 500, 0, 0, S);

        assertTrue(r.ok());
        String text = String.join("\n", r.lines());
        assertTrue(text.contains("killed m2 (the leader of term 1, pid 123) with SIGKILL after 2.0 s of writes"), text);
        assertTrue(text.contains("m3 became the leader (term 2) 1.0 s after the kill"), text);
        assertTrue(text.contains("the longest gap between two successful creates was 2.5 s"), text);
        assertTrue(text.contains("creates acknowledged: 500; all 500 are in the namespace, closed"), text);
        assertTrue(text.contains("failed client calls: 0"), text);
    }

    @Test
    void aLostAcknowledgedCreateFails() {
        FailoverReport r = report(500, 498, 0, 0, S);

        assertFalse(r.ok());
        assertTrue(String.join("\n", r.lines()).contains("2 ACKNOWLEDGED CREATES ARE LOST"));
    }

    @Test
    void aFailedCallAnOpenFileOrNoWriteAfterTheKillFails() {
        assertFalse(report(500, 500, 0, 1, S).ok());
        assertTrue(String.join("\n", report(500, 500, 0, 1, S).lines()).contains("NO_LEADER"));
        assertFalse(report(500, 500, 1, 0, S).ok());
        assertFalse(report(500, 500, 0, 0, null).ok());
    }
}
