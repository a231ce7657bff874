package org.larchdb.auth.acl;

import java.util.List;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.AccessControl;
import org.larchdb.engine.security.ObjectKind;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.security.RequiredPrivilege;
import org.larchdb.engine.security.RoleInfo;

/**
 * LarchDB's privilege decisions, following PostgreSQL's aclchk.c: a superuser passes every check;
 * an object's owner (or a member of the owning role) holds every privilege on it; PUBLIC holds
 * PostgreSQL's built-in defaults (CONNECT and TEMPORARY on databases, USAGE on schemas); anything
 * else must have been granted ({@link GrantLookup}). Errors are 42501 with PostgreSQL's wording.
 *
 * <p>Simplification: PostgreSQL gives PUBLIC USAGE only on the schemas whose ACL says so (public,
 * pg_catalog, information_schema); without schema ACLs, every schema is treated that way.
 */
public final class RoleAccessControl implements AccessControl {

    private final GrantLookup grants;
    private final RoleMembership membership;

    /** No grants, each role a member only of itself. */
    public RoleAccessControl() {
        this(GrantLookup.NONE, RoleMembership.SELF_ONLY);
    }

    public RoleAccessControl(GrantLookup grants, RoleMembership membership) {
        this.grants = grants;
        this.membership = membership;
    }

    @Override
    public void check(RoleInfo role, List<RequiredPrivilege> required) {
        if (role.superuser()) {
            return;
        }
        for (RequiredPrivilege privilege : required) {
            checkOne(role, privilege);
        }
    }

    private void checkOne(RoleInfo role, RequiredPrivilege required) {
        switch (required.privilege()) {
            case CREATE_ROLE -> {
                if (!role.createRole()) {
                    throw denied("permission denied to create role");
                }
            }
            case OWNERSHIP -> {
                if (!owns(role, required)) {
                    throw denied("must be owner of " + required.kind().wording() + " " + required.objectName());
                }
            }
            default -> {
                if (!owns(role, required) && !publicDefault(required.kind(), required.privilege())
                        && !grants.holds(role, required)) {
                    throw denied("permission denied for " + required.kind().wording() + " " + required.objectName());
                }
            }
        }
    }

    private boolean owns(RoleInfo role, RequiredPrivilege required) {
        return role.oid() == required.ownerOid() || membership.hasPrivilegesOf(role.oid(), required.ownerOid());
    }

    /** PostgreSQL's acldefault() for PUBLIC on the object kinds LarchDB checks. */
    private static boolean publicDefault(ObjectKind kind, Privilege privilege) {
        return switch (kind) {
            case DATABASE -> privilege == Privilege.CONNECT || privilege == Privilege.TEMPORARY;
            case SCHEMA -> privilege == Privilege.USAGE;
            default -> false;
        };
    }

    private static DbException denied(String message) {
        return new DbException(SqlState.INSUFFICIENT_PRIVILEGE, message);
    }
}
