package org.larchdb.engine.catalog;

import java.util.List;
import java.util.Map;
import org.larchdb.engine.security.RoleInfo;

/**
 * An immutable view of the catalog's objects, rebuilt after every catalog change and published
 * atomically, so name resolution needs no lock and never sees half a change.
 */
public record CatalogSnapshot(Map<String, NamespaceInfo> namespacesByName,
                              Map<Long, NamespaceInfo> namespacesByOid,
                              Map<Long, RelationInfo> relationsByOid,
                              Map<Long, Map<String, RelationInfo>> relationsByNamespace,
                              Map<String, RoleInfo> rolesByName,
                              Map<Long, RoleInfo> rolesByOid,
                              Map<String, DatabaseInfo> databasesByName,
                              Map<Long, SequenceInfo> sequencesByOid,
                              Map<Long, ViewInfo> viewsByOid) {

    /** A snapshot without views. */
    public CatalogSnapshot(Map<String, NamespaceInfo> namespacesByName, Map<Long, NamespaceInfo> namespacesByOid,
                           Map<Long, RelationInfo> relationsByOid,
                           Map<Long, Map<String, RelationInfo>> relationsByNamespace,
                           Map<String, RoleInfo> rolesByName, Map<Long, RoleInfo> rolesByOid,
                           Map<String, DatabaseInfo> databasesByName, Map<Long, SequenceInfo> sequencesByOid) {
        this(namespacesByName, namespacesByOid, relationsByOid, relationsByNamespace, rolesByName, rolesByOid,
                databasesByName, sequencesByOid, Map.of());
    }

    /** A view's definition by its pg_class OID, or null when that is not a view. */
    public ViewInfo view(long oid) {
        return viewsByOid.get(oid);
    }

    /** The views whose queries read relation {@code oid} directly, in OID order. */
    public List<RelationInfo> dependentViews(long oid) {
        return viewsByOid.values().stream().filter(v -> v.references().contains(oid))
                .map(v -> relationsByOid.get(v.oid())).filter(java.util.Objects::nonNull)
                .sorted(java.util.Comparator.comparingLong(RelationInfo::oid)).toList();
    }

    /** A sequence's parameters by its pg_class OID, or null when that is not a sequence. */
    public SequenceInfo sequence(long oid) {
        return sequencesByOid.get(oid);
    }

    public NamespaceInfo namespace(String name) {
        return namespacesByName.get(name);
    }

    public RelationInfo relation(long namespaceOid, String name) {
        Map<String, RelationInfo> m = relationsByNamespace.get(namespaceOid);
        return m == null ? null : m.get(name);
    }

    public RelationInfo relation(long oid) {
        return relationsByOid.get(oid);
    }

    public RoleInfo role(String name) {
        return rolesByName.get(name);
    }

    public RoleInfo role(long oid) {
        return rolesByOid.get(oid);
    }

    public DatabaseInfo database(String name) {
        return databasesByName.get(name);
    }

    /** Whether any constraint in the schema has this name (PostgreSQL's ConstraintNameExists, for generated names). */
    public boolean constraintNameExists(long namespaceOid, String name) {
        for (RelationInfo rel : relations(namespaceOid)) {
            if (rel.constraint(name) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The foreign keys referencing a table (other tables' and its own), in name order: what a
     * delete or key update of the table must look at.
     */
    public List<ConstraintInfo> referencingForeignKeys(long tableOid) {
        List<ConstraintInfo> found = new java.util.ArrayList<>();
        for (RelationInfo rel : relationsByOid.values()) {
            for (ConstraintInfo c : rel.constraints()) {
                if (c.isForeignKey() && c.foreignKey().referencedTableOid() == tableOid) {
                    found.add(c);
                }
            }
        }
        found.sort((a, b) -> a.name().compareTo(b.name()));
        return found;
    }

    /** Relations in a schema, for diagnostics and future \d support. */
    public List<RelationInfo> relations(long namespaceOid) {
        Map<String, RelationInfo> m = relationsByNamespace.get(namespaceOid);
        return m == null ? List.of() : List.copyOf(m.values());
    }
}
