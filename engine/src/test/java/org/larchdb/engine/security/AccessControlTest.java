package org.larchdb.engine.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessControlTest {

    private static RoleInfo role(long oid, String name) {
        return new RoleInfo(oid, name, false, true, false, false, true, -1, null, null);
    }

    @Test
    void privilegesNamingARoleAreCheckedAsThatRole() {
        List<String> checks = new ArrayList<>();
        AccessControl recording = (role, required) -> required.forEach(r -> checks.add(role.name() + ":"
                + r.objectName()));
        RoleInfo reader = role(20, "reader");
        RoleInfo owner = role(21, "owner");
        RequiredPrivilege view = new RequiredPrivilege(ObjectKind.VIEW, 1, "v", 21, Privilege.SELECT, List.of());
        RequiredPrivilege base = new RequiredPrivilege(ObjectKind.TABLE, 2, "t", 10, Privilege.SELECT, List.of())
                .checkedAs(21);
        RequiredPrivilege other = new RequiredPrivilege(ObjectKind.TABLE, 3, "u", 10, Privilege.SELECT, List.of());
        recording.checkStatement(reader, oid -> oid == 21 ? owner : null, List.of(view, base, other));
        assertEquals(List.of("reader:v", "owner:t", "reader:u"), checks);
    }

    @Test
    void checkedAsKeepsTheInnermostOwner() {
        RequiredPrivilege p = new RequiredPrivilege(ObjectKind.TABLE, 2, "t", 10, Privilege.SELECT, List.of());
        assertEquals(0, p.checkAsRole());
        assertEquals(21, p.checkedAs(21).checkedAs(22).checkAsRole());
    }
}
