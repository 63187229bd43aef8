package io.hydrafs.ops.quickstart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the failover drill saw, in plain words, and whether it is a pass: every acknowledged
 * create is in the namespace afterwards, and closed, no client call failed, and writes
 * resumed after the kill. Plain data and arithmetic, so its rules are tested without a cluster.
 *
 * @param killedId            the node killed (it was the leader)
 * @param killedPid           its pid
 * @param killedTerm          the term it led
 * @param writeBeforeKill     how long the writers ran before the kill
 * @param newLeaderId         the node that took over
 * @param newTerm             its term
 * @param leaderAfter         from the kill until a new leader was seen
 * @param resumedAfter        from the kill until the first acknowledged create after it; empty if none
 * @param longestGap          longest time between two consecutive acknowledged creates (any writers)
 * @param acknowledged        creates acknowledged to the writers
 * @param present             of those, how many exist afterwards
 * @param stillOpen           of those present, how many are still under construction
 * @param unacknowledged      files that exist although their call failed (only after failed calls)
 * @param failedCalls         client calls that threw
 * @param failureSamples      the first failure messages
 */
record FailoverReport(String killedId, long killedPid, long killedTerm, Duration writeBeforeKill,
                      String newLeaderId, long newTerm, Duration leaderAfter, Duration resumedAfter,
                      Duration longestGap, long acknowledged, long present, long stillOpen, long unacknowledged,
                      long failedCalls, List<String> failureSamples) {

    FailoverReport {
        failureSamples = List.copyOf(failureSamples);
    }

    boolean ok() {
        return present == acknowledged && stillOpen == 0 && failedCalls == 0 && resumedAfter != null;
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("killed " + killedId + " (the leader of term " + killedTerm + ", pid " + killedPid
                + ") with SIGKILL after " + seconds(writeBeforeKill) + " of writes");
        lines.add(newLeaderId + " became the leader (term " + newTerm + ") " + seconds(leaderAfter) + " after the kill");
        lines.add(resumedAfter == null
                ? "no create succeeded after the kill: FAILED"
                : "creates resumed " + seconds(resumedAfter) + " after the kill; the longest gap between two successful "
                        + "creates was " + seconds(longestGap));
        String presence = present == acknowledged
                ? "all " + present + " are in the namespace" + (stillOpen == 0 ? ", closed" : ", but " + stillOpen
                        + " are still open: FAILED")
                : "only " + present + " are in the namespace: " + (acknowledged - present) + " ACKNOWLEDGED CREATES ARE LOST";
        lines.add("creates acknowledged: " + acknowledged + "; " + presence);
        if (failedCalls == 0) {
            lines.add("failed client calls: 0 (the client found the new leader and retried by itself)");
        } else {
            lines.add("failed client calls: " + failedCalls + ": FAILED (first: " + String.join("; ", failureSamples) + ")"
                    + (unacknowledged > 0 ? "; " + unacknowledged + " of those files exist anyway" : ""));
        }
        return lines;
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
