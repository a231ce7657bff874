package org.larchdb.engine.security;

import java.util.List;

/**
 * The single access-control decision point. The analyzer records every privilege a statement
 * needs and calls {@link #check} before the statement runs; the {@code auth} module implements
 * this interface and the server wires it in (the engine never imports auth).
 */
public interface AccessControl {

    /**
     * Passes when {@code role} holds every required privilege; otherwise throws DbException 42501
     * with PostgreSQL's message for the first one missing
     * ({@code permission denied for table t}, {@code must be owner of table t},
     * {@code permission denied to create role}).
     */
    void check(RoleInfo role, List<RequiredPrivilege> required);
}
