package org.larchdb.auth.acl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.ObjectKind;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.security.RequiredPrivilege;
import org.larchdb.engine.security.RoleInfo;

class RoleAccessControlTest {

    private static final RoleInfo SUPERUSER = role(10, "postgres", true, false);
    private static final RoleInfo ALICE = role(100, "alice", false, false);
    private static final RoleInfo BOB = role(101, "bob", false, false);
    private static final RoleInfo CREATOR = role(102, "creator", false, true);

    private final RoleAccessControl acl = new RoleAccessControl();

    private static RoleInfo role(long oid, String name, boolean superuser, boolean createRole) {
        return new RoleInfo(oid, name, superuser, true, createRole, false, true, -1, null, null);
    }

    private static RequiredPrivilege on(ObjectKind kind, String name, long owner, Privilege privilege) {
        return new RequiredPrivilege(kind, 5000, name, owner, privilege, List.of());
    }

    @Test
    void superuserPassesEverything() {
        assertDoesNotThrow(() -> acl.check(SUPERUSER, List.of(
                on(ObjectKind.TABLE, "t", 100, Privilege.SELECT),
                on(ObjectKind.TABLE, "t", 100, Privilege.OWNERSHIP),
                on(ObjectKind.SYSTEM, "", 0, Privilege.CREATE_ROLE))));
    }

    @Test
    void ownerHoldsAllPrivileges() {
        for (Privilege p : List.of(Privilege.SELECT, Privilege.INSERT, Privilege.UPDATE, Privilege.DELETE,
                Privilege.TRUNCATE, Privilege.REFERENCES, Privilege.TRIGGER, Privilege.OWNERSHIP)) {
            assertDoesNotThrow(() -> acl.check(ALICE, List.of(on(ObjectKind.TABLE, "t", 100, p))));
        }
    }

    @Test
    void nonOwnerIsDeniedWithPostgresWording() {
        assertDenied(BOB, on(ObjectKind.TABLE, "t", 100, Privilege.SELECT), "permission denied for table t");
        assertDenied(BOB, on(ObjectKind.VIEW, "v", 100, Privilege.SELECT), "permission denied for view v");
        assertDenied(BOB, on(ObjectKind.SEQUENCE, "s", 100, Privilege.USAGE), "permission denied for sequence s");
        assertDenied(BOB, on(ObjectKind.SCHEMA, "app", 100, Privilege.CREATE), "permission denied for schema app");
        assertDenied(BOB, on(ObjectKind.DATABASE, "db", 100, Privilege.CREATE), "permission denied for database db");
        assertDenied(BOB, on(ObjectKind.TABLE, "t", 100, Privilege.OWNERSHIP), "must be owner of table t");
        assertDenied(BOB, on(ObjectKind.VIEW, "v", 100, Privilege.OWNERSHIP), "must be owner of view v");
        assertDenied(BOB, on(ObjectKind.SCHEMA, "s", 100, Privilege.OWNERSHIP), "must be owner of schema s");
        assertDenied(BOB, on(ObjectKind.SEQUENCE, "q", 100, Privilege.OWNERSHIP), "must be owner of sequence q");
    }

    @Test
    void firstMissingPrivilegeIsReported() {
        assertDenied(BOB, List.of(on(ObjectKind.TABLE, "mine", 101, Privilege.SELECT),
                on(ObjectKind.TABLE, "theirs", 100, Privilege.INSERT),
                on(ObjectKind.TABLE, "other", 100, Privilege.SELECT)), "permission denied for table theirs");
    }

    @Test
    void publicDefaults() {
        assertDoesNotThrow(() -> acl.check(BOB, List.of(
                on(ObjectKind.DATABASE, "db", 100, Privilege.CONNECT),
                on(ObjectKind.DATABASE, "db", 100, Privilege.TEMPORARY),
                on(ObjectKind.SCHEMA, "public", 100, Privilege.USAGE))));
    }

    @Test
    void createRoleNeedsTheAttribute() {
        RequiredPrivilege createRole = on(ObjectKind.SYSTEM, "", 0, Privilege.CREATE_ROLE);
        assertDenied(ALICE, createRole, "permission denied to create role");
        assertDoesNotThrow(() -> acl.check(CREATOR, List.of(createRole)));
    }

    @Test
    void grantsAndMembershipPlugIn() {
        RequiredPrivilege select = on(ObjectKind.TABLE, "t", 100, Privilege.SELECT);
        var withGrant = new RoleAccessControl((role, p) -> role.oid() == 101 && p.privilege() == Privilege.SELECT,
                RoleMembership.SELF_ONLY);
        assertDoesNotThrow(() -> withGrant.check(BOB, List.of(select)));
        assertDenied(withGrant, BOB, on(ObjectKind.TABLE, "t", 100, Privilege.DELETE), "permission denied for table t");
        var member = new RoleAccessControl(GrantLookup.NONE, (r, g) -> r == 101 && g == 100);
        assertDoesNotThrow(() -> member.check(BOB, List.of(on(ObjectKind.TABLE, "t", 100, Privilege.OWNERSHIP))));
    }

    private void assertDenied(RoleInfo role, RequiredPrivilege p, String message) {
        assertDenied(acl, role, p, message);
    }

    private void assertDenied(RoleInfo role, List<RequiredPrivilege> ps, String message) {
        DbException e = assertThrows(DbException.class, () -> acl.check(role, ps));
        assertEquals(SqlState.INSUFFICIENT_PRIVILEGE, e.state());
        assertEquals(message, e.getMessage());
    }

    private static void assertDenied(RoleAccessControl acl, RoleInfo role, RequiredPrivilege p, String message) {
        DbException e = assertThrows(DbException.class, () -> acl.check(role, List.of(p)));
        assertEquals(SqlState.INSUFFICIENT_PRIVILEGE, e.state());
        assertEquals(message, e.getMessage());
    }
}
