package io.hydrafs.ops.job;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.job.JobStatus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text {@code hydra job} prints about jobs: progress, status, the job list and counters. */
public final class JobStatusView {
    private static final String LIST_ROW = "%-28s %-12s %-9s %-9s %-9s %s";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private JobStatusView() {
    }

    /** "map 100% (8/8) reduce 50% (1/2)", Hadoop's progress line. */
    public static String progress(JobStatus s) {
        return "map " + percent(s.maps()) + " (" + s.maps().succeeded() + "/" + s.maps().total() + ") reduce "
                + percent(s.reduces()) + " (" + s.reduces().succeeded() + "/" + s.reduces().total() + ")";
    }

    private static String percent(JobStatus.Progress p) {
        return (p.total() == 0 ? 100 : 100L * p.succeeded() / p.total()) + "%";
    }

    /** Every line of {@code hydra job status}: the job, its state and progress, failure and output. */
    public static List<String> status(JobStatus s) {
        List<String> lines = new ArrayList<>();
        lines.add("job " + s.jobId() + " (" + s.name() + "): " + s.state());
        lines.add("progress: " + progress(s));
        lines.add("submitted: " + time(s.submitTimeMs()) + (s.finishTimeMs() > 0 ? ", finished: " + time(s.finishTimeMs())
                + String.format(Locale.ROOT, " (%.1f s)", (s.finishTimeMs() - s.submitTimeMs()) / 1000.0) : ""));
        lines.add("output: " + s.output());
        if (!s.failure().isEmpty()) {
            lines.add("failure: " + s.failure());
        }
        return lines;
    }

    /** The table of {@code hydra job list}, a header then one row per job, oldest first. */
    public static List<String> list(List<JobStatus> jobs) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, LIST_ROW, "JOB", "NAME", "STATE", "MAPS", "REDUCES", "SUBMITTED"));
        for (JobStatus s : jobs) {
            lines.add(String.format(Locale.ROOT, LIST_ROW, s.jobId(), s.name(), s.state(),
                    s.maps().succeeded() + "/" + s.maps().total(), s.reduces().succeeded() + "/" + s.reduces().total(),
                    time(s.submitTimeMs())));
        }
        return lines;
    }

    /** One line per counter, group by group: "hydra.task.MAP_INPUT_RECORDS=1234". */
    public static List<String> counters(Counters counters) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> group : counters.snapshot().entrySet()) {
            for (Map.Entry<String, Long> c : group.getValue().entrySet()) {
                lines.add(group.getKey() + "." + c.getKey() + "=" + c.getValue());
            }
        }
        return lines;
    }

    private static String time(long epochMs) {
        return TIME.format(Instant.ofEpochMilli(epochMs));
    }
}
