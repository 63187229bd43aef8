package io.hydrafs.meta.raft;

import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A leader that is asked to stop hands leadership to a follower first, so that clients meet a
 * new leader at once instead of waiting for an election timeout after the old one vanished
 * (an operator's rolling restart then costs a retry, not seconds of NO_LEADER).
 *
 * <p>Targets are tried most recently heard first: a follower that answered the leader's last
 * append a moment ago is alive and close to caught up, and Ratis's transfer itself brings the
 * target's log up to date before it asks it to run an election. A follower not heard from
 * within {@code staleAfterMs} is skipped (it is likely down). If no target takes over within
 * the time budget the node stops anyway: a clean stop must never hang on a sick group.
 */
public final class LeadershipHandoff {
    private static final Logger LOG = LoggerFactory.getLogger(LeadershipHandoff.class);
    private static final long RETRY_PAUSE_MS = 100;

    private LeadershipHandoff() {
    }

    /** Followers worth handing leadership to, most recently heard first. */
    static List<String> candidates(RoleInfoProto role, long staleAfterMs) {
        if (!role.hasLeaderInfo()) {
            return List.of();
        }
        return role.getLeaderInfo().getFollowerInfoList().stream()
                .filter(f -> f.getLastRpcElapsedTimeMs() < staleAfterMs)
                .sorted(Comparator.comparingLong(ServerRpcProto::getLastRpcElapsedTimeMs))
                .map(f -> f.getId().getId().toStringUtf8())
                .toList();
    }

    /**
     * Tries the candidates in turn, round after round, until one leads or {@code budgetMs} has
     * passed. A round can fail without anyone's fault: under load the target may lose its
     * election to a follower with a longer log, the old leader wins the next term, and it has
     * to become ready before it can transfer again; hence the rounds.
     *
     * @param roleInfo this node's current Raft role (read again for each round; an election may be under way)
     * @return the id of the new leader, or empty if none took over in time
     */
    public static Optional<String> handOff(Supplier<RoleInfoProto> roleInfo, RaftAdmin admin, long budgetMs,
                                           long staleAfterMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMs);
        while (System.nanoTime() < deadline) {
            RoleInfoProto role = roleInfo.get();
            if (role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
                // A round's election went to another follower: leadership has moved all the same.
                return Optional.of(role.getFollowerInfo().getLeaderInfo().getId().getId().toStringUtf8());
            }
            for (String target : candidates(role, staleAfterMs)) {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0) {
                    break;
                }
                try {
                    admin.transferLeadership(target, leftMs).get(leftMs + 1_000, TimeUnit.MILLISECONDS);
                    return Optional.of(target);
                } catch (ExecutionException | TimeoutException e) {
                    LOG.info("handing leadership to {} did not work yet: {}", target,
                            e.getCause() == null ? e : e.getCause().getMessage());
                }
            }
            Thread.sleep(RETRY_PAUSE_MS);
        }
        return Optional.empty();
    }
}
