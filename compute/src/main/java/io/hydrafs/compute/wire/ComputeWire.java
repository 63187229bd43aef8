package io.hydrafs.compute.wire;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.compute.job.MapOutputEvent;
import io.hydrafs.protocol.compute.AttemptRef;
import io.hydrafs.protocol.compute.CounterProto;
import io.hydrafs.protocol.compute.JobSpecProto;
import io.hydrafs.protocol.compute.JobState;
import io.hydrafs.protocol.compute.JobStatusProto;
import io.hydrafs.protocol.compute.MapOutputEvent.Builder;
import io.hydrafs.protocol.compute.SplitProto;
import io.hydrafs.protocol.compute.TaskProgress;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The compute runtime's values to and from their compute.proto messages. Decoding is where
 * untrusted input enters: a message that cannot name a valid value is INVALID_ARGUMENT.
 */
public final class ComputeWire {
    private ComputeWire() {
    }

    public static JobSpecProto toProto(JobSpec spec) {
        return JobSpecProto.newBuilder().setName(spec.name()).setDefinitionClass(spec.definitionClass())
                .setJarPath(spec.jarPath()).addAllInputs(spec.inputs()).setOutput(spec.output())
                .setReducers(spec.reducers()).putAllConfig(spec.config()).build();
    }

    /** The spec, validated ({@link JobSpec#validate}). */
    public static JobSpec fromProto(JobSpecProto p) throws HydraException {
        if (p.getReducers() > 100_000) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "job " + p.getName() + ": too many reducers: "
                    + p.getReducers());
        }
        JobSpec spec = new JobSpec(p.getName(), p.getDefinitionClass(), p.getJarPath(), p.getInputsList(),
                p.getOutput(), p.getReducers(), p.getConfigMap());
        spec.validate();
        return spec;
    }

    public static SplitProto toProto(InputSplit split) {
        return SplitProto.newBuilder().setPath(split.path()).setStart(split.start()).setLength(split.length())
                .addAllHosts(split.hosts()).build();
    }

    public static InputSplit fromProto(SplitProto p) throws HydraException {
        if (p.getPath().isEmpty() || p.getStart() < 0 || p.getLength() < 0) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "bad split " + p);
        }
        return new InputSplit(p.getPath(), p.getStart(), p.getLength(), p.getHostsList());
    }

    public static List<CounterProto> toProto(Counters counters) {
        List<CounterProto> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> g : counters.snapshot().entrySet()) {
            g.getValue().forEach((name, v) -> out.add(CounterProto.newBuilder().setGroup(g.getKey()).setName(name)
                    .setValue(v).build()));
        }
        return out;
    }

    public static Counters fromProto(List<CounterProto> counters) throws HydraException {
        Counters c = new Counters();
        for (CounterProto p : counters) {
            if (p.getGroup().isEmpty() || p.getName().isEmpty()) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "a counter needs a group and a name");
            }
            c.increment(p.getGroup(), p.getName(), p.getValue());
        }
        return c;
    }

    public static AttemptRef toProto(AttemptKey key) {
        TaskAttemptId a = key.attempt();
        return AttemptRef.newBuilder().setJobId(key.jobId())
                .setType(a.type() == TaskType.MAP ? io.hydrafs.protocol.compute.TaskType.MAP
                        : io.hydrafs.protocol.compute.TaskType.REDUCE)
                .setTask(a.task()).setAttempt(a.attempt()).build();
    }

    public static AttemptKey fromProto(AttemptRef p) throws HydraException {
        TaskType type = switch (p.getType()) {
            case MAP -> TaskType.MAP;
            case REDUCE -> TaskType.REDUCE;
            default -> throw new HydraException(ErrorCode.INVALID_ARGUMENT, "attempt of unknown task type " + p);
        };
        if (p.getJobId().isEmpty() || p.getTask() < 0 || p.getAttempt() < 0) {  // uint32 above 2^31-1 reads negative
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "bad attempt " + p);
        }
        return new AttemptKey(p.getJobId(), new TaskAttemptId(type, p.getTask(), p.getAttempt()));
    }

    public static io.hydrafs.protocol.compute.MapOutputEvent toProto(MapOutputEvent e) {
        Builder b = io.hydrafs.protocol.compute.MapOutputEvent.newBuilder().setMapIndex(e.mapIndex())
                .setAttempt(e.attempt()).setHost(e.host()).setPort(e.port()).setObsolete(e.obsolete());
        return b.build();
    }

    public static MapOutputEvent fromProto(io.hydrafs.protocol.compute.MapOutputEvent p) {
        return new MapOutputEvent(p.getMapIndex(), p.getAttempt(), p.getHost(), p.getPort(), p.getObsolete());
    }

    public static JobStatusProto toProto(JobStatus s) {
        return JobStatusProto.newBuilder().setJobId(s.jobId()).setName(s.name())
                .setState(JobState.valueOf(s.state().name()))
                .setMaps(toProto(s.maps())).setReduces(toProto(s.reduces()))
                .addAllCounters(toProto(s.counters())).setFailure(s.failure())
                .setSubmitTimeMs(s.submitTimeMs()).setFinishTimeMs(s.finishTimeMs()).setOutput(s.output()).build();
    }

    public static JobStatus fromProto(JobStatusProto p) throws HydraException {
        JobStatus.State state = switch (p.getState()) {
            case RUNNING -> JobStatus.State.RUNNING;
            case SUCCEEDED -> JobStatus.State.SUCCEEDED;
            case FAILED -> JobStatus.State.FAILED;
            case KILLED -> JobStatus.State.KILLED;
            default -> throw new HydraException(ErrorCode.INVALID_ARGUMENT, "job " + p.getJobId() + " in no state");
        };
        return new JobStatus(p.getJobId(), p.getName(), state, fromProto(p.getMaps()), fromProto(p.getReduces()),
                fromProto(p.getCountersList()), p.getFailure(), p.getSubmitTimeMs(), p.getFinishTimeMs(),
                p.getOutput());
    }

    private static TaskProgress toProto(JobStatus.Progress p) {
        return TaskProgress.newBuilder().setTotal(p.total()).setSucceeded(p.succeeded()).setRunning(p.running()).build();
    }

    private static JobStatus.Progress fromProto(TaskProgress p) {
        return new JobStatus.Progress(p.getTotal(), p.getSucceeded(), p.getRunning());
    }
}
