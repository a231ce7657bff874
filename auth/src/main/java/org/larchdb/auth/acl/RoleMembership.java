package org.larchdb.auth.acl;

/**
 * Whether a role has the privileges of another (is a member of it, directly or through roles it
 * inherits). Until GRANT role exists, a role is a member only of itself: {@link #SELF_ONLY}.
 */
@FunctionalInterface
public interface RoleMembership {

    RoleMembership SELF_ONLY = (roleOid, groupOid) -> roleOid == groupOid;

    boolean hasPrivilegesOf(long roleOid, long groupOid);
}
