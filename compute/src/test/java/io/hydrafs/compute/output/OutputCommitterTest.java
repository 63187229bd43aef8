package io.hydrafs.compute.output;

import io.hydrafs.compute.ClusterTestBase;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.compute.ClusterFixture;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class OutputCommitterTest extends ClusterTestBase {

    private static TaskAttemptId reduce(int task, int attempt) {
        return new TaskAttemptId(TaskAttemptId.TaskType.REDUCE, task, attempt);
    }

    private void writePart(OutputCommitter committer, TaskAttemptId attempt, String name) throws IOException {
        try (HydraOutputStream out = committer.createTaskFile(attempt, name)) {
            out.write(("from " + attempt).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void committedTasksAppearInTheOutputAndSuccessComesOnlyWithTheJobCommit() throws IOException {
        OutputCommitter committer = new OutputCommitter(fs, "/commit/ok");
        committer.setupJob();
        writePart(committer, reduce(0, 0), "part-r-00000");
        writePart(committer, reduce(1, 1), "part-r-00001");
        committer.commitTask(reduce(0, 0));
        committer.commitTask(reduce(1, 1));

        assertEquals(List.of("_temporary", "part-r-00000", "part-r-00001"), ClusterFixture.names(fs, "/commit/ok"));
        committer.commitJob();

        assertEquals(List.of("_SUCCESS", "part-r-00000", "part-r-00001"), ClusterFixture.names(fs, "/commit/ok"));
        assertEquals("from r-00001_1",
                new String(ClusterFixture.read(fs, "/commit/ok/part-r-00001"), StandardCharsets.UTF_8));
    }

    @Test
    void anAbortedAttemptLeavesNothingAndItsRetryCommits() throws IOException {
        OutputCommitter committer = new OutputCommitter(fs, "/commit/retry");
        committer.setupJob();
        writePart(committer, reduce(0, 0), "part-r-00000");
        committer.abortTask(reduce(0, 0));
        writePart(committer, reduce(0, 1), "part-r-00000");
        committer.commitTask(reduce(0, 1));
        committer.commitJob();

        assertEquals("from r-00000_1",
                new String(ClusterFixture.read(fs, "/commit/retry/part-r-00000"), StandardCharsets.UTF_8));
        assertEquals(List.of("_SUCCESS", "part-r-00000"), ClusterFixture.names(fs, "/commit/retry"));
    }

    @Test
    void anAttemptHoldingTheCommitReplacesWhatADeadEarlierAttemptCommitted() throws IOException {
        OutputCommitter committer = new OutputCommitter(fs, "/commit/replace");
        committer.setupJob();
        writePart(committer, reduce(0, 0), "part-r-00000");
        committer.commitTask(reduce(0, 0));  // then its worker died before reporting success
        writePart(committer, reduce(0, 1), "part-r-00000");

        assertThrows(HydraException.class, () -> committer.commitTask(reduce(0, 1)));
        committer.commitTaskReplacing(reduce(0, 1));

        assertEquals("from r-00000_1",
                new String(ClusterFixture.read(fs, "/commit/replace/part-r-00000"), StandardCharsets.UTF_8));
        assertEquals(List.of("_temporary", "part-r-00000"), ClusterFixture.names(fs, "/commit/replace"));
    }

    @Test
    void anAbortedJobLeavesNoOutputDirectoryEvenAfterSomeTasksCommitted() throws IOException {
        OutputCommitter committer = new OutputCommitter(fs, "/commit/failed");
        committer.setupJob();
        writePart(committer, reduce(0, 0), "part-r-00000");
        committer.commitTask(reduce(0, 0));
        writePart(committer, reduce(1, 0), "part-r-00001");
        committer.abortJob();

        assertFalse(fs.exists("/commit/failed"));
    }

    @Test
    void anExistingOutputDirectoryIsRefusedAndLeftAlone() throws IOException {
        fs.mkdirs("/commit/existing");
        ClusterFixture.write(fs, "/commit/existing/keep", new byte[]{1});
        OutputCommitter committer = new OutputCommitter(fs, "/commit/existing");

        HydraException e = assertThrows(HydraException.class, committer::setupJob);
        committer.abortJob();

        assertEquals(ErrorCode.FILE_ALREADY_EXISTS, e.code());
        assertTrue(e.getMessage().contains("/commit/existing"), e.getMessage());
        assertTrue(fs.exists("/commit/existing/keep"));
    }
}
