package org.larchdb.engine.security;

import java.util.List;

/**
 * One privilege a statement needs, as the analyzer recorded it: the object (kind, oid, name for
 * messages, owner), the privilege, and for column-level privileges the columns involved (empty when
 * the privilege is on the whole object). {@code checkAsRole} is the role that must hold it when that is
 * not the session's: a view's owner, for what the view's query reads (0 = the session's role).
 */
public record RequiredPrivilege(ObjectKind kind, long objectOid, String objectName, long ownerOid,
                                Privilege privilege, List<String> columns, long checkAsRole) {

    public RequiredPrivilege {
        columns = List.copyOf(columns);
    }

    /** A privilege the session's role must hold. */
    public RequiredPrivilege(ObjectKind kind, long objectOid, String objectName, long ownerOid, Privilege privilege,
                             List<String> columns) {
        this(kind, objectOid, objectName, ownerOid, privilege, columns, 0);
    }

    /** This privilege, to be held by {@code role} instead (unless another role was already named). */
    public RequiredPrivilege checkedAs(long role) {
        return checkAsRole != 0 ? this : new RequiredPrivilege(kind, objectOid, objectName, ownerOid, privilege,
                columns, role);
    }
}
