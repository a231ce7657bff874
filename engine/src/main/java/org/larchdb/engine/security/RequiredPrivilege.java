package org.larchdb.engine.security;

import java.util.List;

/**
 * One privilege a statement needs, as the analyzer recorded it: the object (kind, oid, name for
 * messages, owner), the privilege, and for column-level privileges the columns involved (empty when
 * the privilege is on the whole object).
 */
public record RequiredPrivilege(ObjectKind kind, long objectOid, String objectName, long ownerOid,
                                Privilege privilege, List<String> columns) {

    public RequiredPrivilege {
        columns = List.copyOf(columns);
    }
}
