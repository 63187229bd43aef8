package io.hydrafs.ops.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NodeLogsTest {
    @Test
    void theRootCauseOfAStackTraceExplainsTheExit() {
        List<String> log = List.of("==== 2026 starting meta node m1 ====",
                "java.io.IOException: Failed to bind", "\tat x.y(Z.java:1)",
                "Caused by: java.net.BindException: Address already in use", "\tat a.b(C.java:2)");

        assertEquals("Caused by: java.net.BindException: Address already in use", NodeLogs.explainingLine(log));
    }

    @Test
    void onlyTheLatestRunCounts() {
        List<String> log = List.of("==== run 1 ====", "Caused by: old failure", "==== run 2 ====",
                "Unrecognized VM option 'Nope'", "Error: Could not create the Java Virtual Machine.", "third line");

        assertEquals("Unrecognized VM option 'Nope' / Error: Could not create the Java Virtual Machine.",
                NodeLogs.explainingLine(log));
    }

    @Test
    void anErrorLineIsPreferredOverTheLastLine() {
        List<String> log = List.of("12:00 INFO  [main] started", "12:01 ERROR [main] store is corrupt", "12:02 INFO  [main] bye");

        assertEquals("12:01 ERROR [main] store is corrupt", NodeLogs.explainingLine(log));
    }
}
