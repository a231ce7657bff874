package org.larchdb.auth.acl;

import org.larchdb.engine.security.RequiredPrivilege;
import org.larchdb.engine.security.RoleInfo;

/**
 * Privileges granted explicitly (GRANT ... TO role or TO PUBLIC), beyond what ownership and
 * PostgreSQL's built-in PUBLIC defaults give. There are no grant tables yet, so {@link #NONE} is
 * what the server wires in; the grant catalog will implement this.
 */
@FunctionalInterface
public interface GrantLookup {

    /** Nothing granted to anyone. */
    GrantLookup NONE = (role, required) -> false;

    /** True when {@code role} (directly, through PUBLIC or a role it belongs to) was granted {@code required}. */
    boolean holds(RoleInfo role, RequiredPrivilege required);
}
