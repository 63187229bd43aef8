package io.hydrafs.compute.runtime;

import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskRetriesTest {
    private final List<TaskAttemptId> cleaned = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();

    @Test
    void failedAttemptsAreCleanedUpAndRetriedUntilOneSucceeds() throws Exception {
        String result = TaskRetries.run("j", TaskType.MAP, 5, 4, attempt -> {
            if (attempt.attempt() < 2) {
                throw new IllegalStateException("boom " + attempt);
            }
            return "done by " + attempt;
        }, cleaned::add, failures::incrementAndGet);

        assertEquals("done by m-00005_2", result);
        assertEquals(List.of(new TaskAttemptId(TaskType.MAP, 5, 0), new TaskAttemptId(TaskType.MAP, 5, 1)), cleaned);
        assertEquals(2, failures.get());
    }

    @Test
    void afterTheLastAttemptTheJobFailsNamingTaskAttemptAndCause() {
        IllegalStateException boom = new IllegalStateException("boom");

        JobFailedException e = assertThrows(JobFailedException.class, () -> TaskRetries.run("wc", TaskType.REDUCE, 1, 4,
                attempt -> {
                    throw boom;
                }, cleaned::add, failures::incrementAndGet));

        assertEquals(new TaskAttemptId(TaskType.REDUCE, 1, 3), e.lastAttempt());
        assertSame(boom, e.getCause());
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertTrue(e.getMessage().contains("job wc") && e.getMessage().contains("r-00001_3"), e.getMessage());
        assertEquals(4, cleaned.size());
        assertEquals(4, failures.get());
    }

    @Test
    void aHydraExceptionKeepsItsCodeInTheJobFailure() {
        JobFailedException e = assertThrows(JobFailedException.class, () -> TaskRetries.run("j", TaskType.MAP, 0, 1,
                attempt -> {
                    throw new HydraException(ErrorCode.INVALID_ARGUMENT, "bad record");
                }, cleaned::add, failures::incrementAndGet));

        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void anErrorIsNotRetried() {
        assertThrows(OutOfMemoryError.class, () -> TaskRetries.run("j", TaskType.MAP, 0, 4, attempt -> {
            throw new OutOfMemoryError("simulated");
        }, cleaned::add, failures::incrementAndGet));

        assertEquals(0, failures.get());
    }
}
