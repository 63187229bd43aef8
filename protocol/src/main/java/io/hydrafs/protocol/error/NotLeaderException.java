package io.hydrafs.protocol.error;

/** The contacted meta node is not the leader; {@link #leaderHint()} names the one it believes is. */
public class NotLeaderException extends HydraException {
    private static final long serialVersionUID = 1L;

    private final String leaderHint;

    public NotLeaderException(String message, String leaderHint) {
        super(ErrorCode.NOT_LEADER, message);
        this.leaderHint = leaderHint == null ? "" : leaderHint;
    }

    /** host:port of the leader's client RPC endpoint, or "" when unknown. */
    public String leaderHint() {
        return leaderHint;
    }
}
