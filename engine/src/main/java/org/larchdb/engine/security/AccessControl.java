package org.larchdb.engine.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

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

    /**
     * Checks a statement's privileges in order, each against the session's {@code role} or, when it names
     * one ({@link RequiredPrivilege#checkAsRole}, a view owner), against that role as {@code roles} finds it.
     */
    default void checkStatement(RoleInfo role, LongFunction<RoleInfo> roles, List<RequiredPrivilege> required) {
        List<RequiredPrivilege> mine = new ArrayList<>();
        for (RequiredPrivilege r : required) {
            if (r.checkAsRole() == 0 || r.checkAsRole() == role.oid()) {
                mine.add(r);
                continue;
            }
            check(role, mine);
            mine.clear();
            RoleInfo other = roles.apply(r.checkAsRole());
            // A view whose owner is gone cannot exist in PostgreSQL (DROP ROLE refuses); be safe anyway.
            check(other != null ? other : role, List.of(r));
        }
        check(role, mine);
    }
}
