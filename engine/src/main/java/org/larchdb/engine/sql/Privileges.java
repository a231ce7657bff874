package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.catalog.SystemTable;
import org.larchdb.engine.security.ObjectKind;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.security.RequiredPrivilege;

/**
 * Collects the privileges a statement needs while it is analyzed: for each relation and privilege,
 * the columns involved (PostgreSQL's model: SELECT on columns read, INSERT/UPDATE on columns written).
 */
final class Privileges {
    private record Key(RelationInfo relation, Privilege privilege) {
    }

    private final Map<Key, Set<String>> tableNeeds = new LinkedHashMap<>();
    private final List<RequiredPrivilege> other = new ArrayList<>();

    /** Needs {@code privilege} on the relation; {@code column} null means the table as a whole. */
    void need(RelationInfo relation, Privilege privilege, String column) {
        if (relation.isSystem() && privilege == Privilege.SELECT && relation.systemTable() != SystemTable.PG_AUTHID) {
            // PostgreSQL grants SELECT on the system catalogs (but pg_authid) to PUBLIC at initdb.
            return;
        }
        Set<String> cols = tableNeeds.computeIfAbsent(new Key(relation, privilege), k -> new LinkedHashSet<>());
        if (column != null) {
            cols.add(column);
        }
    }

    void need(RequiredPrivilege privilege) {
        other.add(privilege);
    }

    List<RequiredPrivilege> all() {
        List<RequiredPrivilege> out = new ArrayList<>();
        tableNeeds.forEach((k, cols) -> out.add(new RequiredPrivilege(ObjectKind.TABLE, k.relation().oid(),
                k.relation().name(), k.relation().owner(), k.privilege(), List.copyOf(cols))));
        out.addAll(other);
        return out;
    }
}
