package io.hydrafs.meta.admin;

import io.hydrafs.meta.namespace.Caller;
import io.hydrafs.meta.namespace.NamespacePolicy;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

/**
 * Who may administer the cluster: the superuser and members of the supergroup, the same
 * callers that pass every namespace permission check (as HDFS's dfsadmin). The user name is
 * the one the call states ("simple" authentication, as everywhere in HydraFS).
 */
public final class SuperuserCheck {
    private final String superuser;
    private final String supergroup;

    public SuperuserCheck(String superuser, String supergroup) {
        this.superuser = superuser;
        this.supergroup = supergroup;
    }

    public static SuperuserCheck of(NamespacePolicy policy) {
        return new SuperuserCheck(policy.superuser(), policy.supergroup());
    }

    /** Fails with PERMISSION_DENIED unless the caller is a superuser. */
    public void require(Caller caller, String what) throws HydraException {
        if (!caller.user().equals(superuser) && !caller.isMemberOf(supergroup)) {
            throw new HydraException(ErrorCode.PERMISSION_DENIED, what + " needs the superuser ('" + superuser
                    + "' or a member of group '" + supergroup + "'); '" + caller.user() + "' is not");
        }
    }
}
