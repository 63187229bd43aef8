package io.hydrafs.compute.output;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a job's output appear all at once or not at all, as Hadoop's FileOutputCommitter (v1):
 * <pre>
 *   setupJob:    refuse an existing output dir; create out/_temporary
 *   task attempt writes only under out/_temporary/&lt;attempt&gt;/
 *   commitTask:  rename each of the attempt's files into out/ (one rename per file, atomic
 *                in the meta service), then drop the attempt dir
 *   abortTask:   drop the attempt dir (a failed or losing attempt leaves nothing)
 *   commitJob:   drop out/_temporary, then write out/_SUCCESS, last
 *   abortJob:    delete out/ entirely (this job created it)
 * </pre>
 * Readers wait for {@code _SUCCESS}: before it, out/ may hold some committed tasks' parts.
 * A job that fails after setup is aborted, so a failed job leaves no output directory.
 */
public final class OutputCommitter {
    public static final String TEMPORARY = "_temporary";
    public static final String SUCCESS = "_SUCCESS";
    private static final Logger LOG = LoggerFactory.getLogger(OutputCommitter.class);

    private final HydraFileSystem fs;
    private final String outputDir;
    private boolean created;

    public OutputCommitter(HydraFileSystem fs, String outputDir) {
        this.fs = fs;
        this.outputDir = outputDir.endsWith("/") && outputDir.length() > 1
                ? outputDir.substring(0, outputDir.length() - 1) : outputDir;
    }

    /**
     * A committer for a job whose output directory another process already set up (a
     * worker committing its task, the coordinator committing or aborting the job).
     */
    public static OutputCommitter forRunningJob(HydraFileSystem fs, String outputDir) {
        OutputCommitter c = new OutputCommitter(fs, outputDir);
        c.created = true;
        return c;
    }

    public String outputDir() {
        return outputDir;
    }

    public void setupJob() throws HydraException {
        if (fs.exists(outputDir)) {
            throw new HydraException(ErrorCode.FILE_ALREADY_EXISTS, "output directory " + outputDir + " already exists");
        }
        fs.mkdirs(outputDir + "/" + TEMPORARY);
        created = true;
    }

    public String attemptDir(TaskAttemptId attempt) {
        return outputDir + "/" + TEMPORARY + "/" + attempt;
    }

    /** Creates {@code name} in the attempt's directory, for the attempt's writer. */
    public HydraOutputStream createTaskFile(TaskAttemptId attempt, String name) throws HydraException {
        Invariants.check(created, "task output before setupJob");
        return fs.create(attemptDir(attempt) + "/" + name,
                CreateOptions.builder().overwrite(true).createParent(true).build());
    }

    public void commitTask(TaskAttemptId attempt) throws HydraException {
        commit(attempt, false);
    }

    /**
     * As {@link #commitTask}, replacing a file of the same name an earlier attempt of the task
     * committed. Only for an attempt that holds the task's exclusive right to commit (the
     * coordinator grants it to one live attempt at a time): the earlier one then died after
     * renaming but before it was known to have succeeded.
     */
    public void commitTaskReplacing(TaskAttemptId attempt) throws HydraException {
        commit(attempt, true);
    }

    private void commit(TaskAttemptId attempt, boolean replace) throws HydraException {
        String dir = attemptDir(attempt);
        if (!fs.exists(dir)) {
            return;  // the attempt wrote nothing
        }
        for (FileStatus f : fs.listStatus(dir)) {
            String target = outputDir + "/" + f.name();
            if (fs.exists(target)) {
                if (!replace) {
                    throw new HydraException(ErrorCode.FILE_ALREADY_EXISTS,
                            "task " + attempt.taskName() + " committed twice: " + target + " exists");
                }
                LOG.warn("{} replaces {} left by an earlier attempt of {}", attempt, target, attempt.taskName());
                fs.delete(target, false);
            }
            fs.rename(f.path(), target);
        }
        fs.delete(dir, true);
    }

    public void abortTask(TaskAttemptId attempt) {
        try {
            fs.delete(attemptDir(attempt), true);
        } catch (HydraException e) {
            LOG.warn("could not remove {} of failed attempt: {}", attemptDir(attempt), e.getMessage());
        }
    }

    public void commitJob() throws HydraException {
        fs.delete(outputDir + "/" + TEMPORARY, true);
        // an empty file: its existence is the whole message
        fs.create(outputDir + "/" + SUCCESS, CreateOptions.builder().overwrite(false).build()).close();
    }

    /** Removes everything this job wrote; does nothing if setupJob never created the directory. */
    public void abortJob() {
        if (!created) {
            return;
        }
        try {
            fs.delete(outputDir, true);
        } catch (HydraException e) {
            LOG.warn("could not remove output {} of failed job: {}", outputDir, e.getMessage());
        }
    }
}
