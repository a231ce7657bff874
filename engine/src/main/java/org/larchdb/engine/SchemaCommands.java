package org.larchdb.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.larchdb.engine.catalog.Catalog;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.DatabaseInfo;
import org.larchdb.engine.catalog.NamespaceInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.ObjectKind;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.security.RequiredPrivilege;
import org.larchdb.engine.security.RoleInfo;
import org.larchdb.engine.sql.UtilityStatement;

/** CREATE SCHEMA and DROP SCHEMA, inside the session's transaction like all DDL. */
final class SchemaCommands {
    private final Session session;
    private final Database database;

    SchemaCommands(Session session, Database database) {
        this.session = session;
        this.database = database;
    }

    String createSchema(UtilityStatement.CreateSchema c) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        RoleInfo me = session.role();
        RoleInfo owner = me;
        if (c.authorization() != null) {
            owner = snapshot.role(c.authorization());
            if (owner == null) {
                throw new DbException(SqlState.UNDEFINED_OBJECT, "role \"" + c.authorization() + "\" does not exist");
            }
        }
        String name = c.name() != null ? truncate(c.name()) : owner.name();
        DatabaseInfo db = snapshot.database(session.databaseName());
        if (db != null) {
            database.accessControl().check(me, List.of(new RequiredPrivilege(ObjectKind.DATABASE, db.oid(), db.name(),
                    db.owner(), Privilege.CREATE, List.of())));
        }
        if (owner.oid() != me.oid() && !me.superuser()) {
            try {
                database.accessControl().check(me, List.of(new RequiredPrivilege(ObjectKind.ROLE, owner.oid(),
                        owner.name(), owner.oid(), Privilege.OWNERSHIP, List.of())));
            } catch (DbException e) {
                throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + owner.name()
                        + "\"");
            }
        }
        if (snapshot.namespace(name) != null) {
            if (c.ifNotExists()) {
                session.listener().notice(Notice.notice(SqlState.DUPLICATE_SCHEMA,
                        "schema \"" + name + "\" already exists, skipping"));
                return "CREATE SCHEMA";
            }
            throw new DbException(SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
        }
        if (name.startsWith("pg_")) {
            throw new DbException(SqlState.RESERVED_NAME, "unacceptable schema name \"" + name + "\"")
                    .withDetail("The prefix \"pg_\" is reserved for system schemas.");
        }
        database.catalog().createNamespace(session.transaction(), name, owner.oid());
        return "CREATE SCHEMA";
    }

    /**
     * DROP SCHEMA: every schema is checked before anything is dropped; the tables in them (with their
     * indexes and constraints) go only with CASCADE, announced in one NOTICE as PostgreSQL does.
     */
    String dropSchema(UtilityStatement.DropSchema d) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        List<NamespaceInfo> targets = new ArrayList<>();
        for (String name : d.names()) {
            NamespaceInfo ns = snapshot.namespace(name);
            if (ns == null) {
                if (d.ifExists()) {
                    session.listener().notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                            "schema \"" + name + "\" does not exist, skipping"));
                    continue;
                }
                throw new DbException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
            }
            if (ns.oid() == Catalog.PG_CATALOG_NAMESPACE) {
                throw new DbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop schema " + name
                        + " because it is required by the database system");
            }
            database.accessControl().check(session.role(), List.of(new RequiredPrivilege(ObjectKind.SCHEMA,
                    ns.oid(), ns.name(), ns.owner(), Privilege.OWNERSHIP, List.of())));
            if (!targets.contains(ns)) {
                targets.add(ns);
            }
        }
        List<RelationInfo> dependents = new ArrayList<>();
        // PostgreSQL reports (and drops) the dependents of the last schema named first.
        for (NamespaceInfo ns : targets.reversed()) {
            snapshot.relations(ns.oid()).stream().filter(r -> !r.isIndex())
                    .sorted(Comparator.comparingLong(RelationInfo::oid)).forEach(dependents::add);
        }
        if (!dependents.isEmpty()) {
            if (!d.cascade()) {
                List<String> lines = new ArrayList<>();
                for (RelationInfo rel : dependents) {
                    lines.add((rel.isView() ? "view " : "table ") + qualified(rel) + " depends on schema "
                            + quote(snapshot.namespacesByOid().get(rel.namespaceOid()).name()));
                }
                String message = targets.size() == 1 ? "cannot drop schema " + quote(targets.get(0).name())
                        + " because other objects depend on it"
                        : "cannot drop desired object(s) because other objects depend on them";
                throw new DbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, message)
                        .withDetail(String.join("\n", lines))
                        .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
            announceCascade(dependents);
            for (RelationInfo rel : dependents) {
                if (!rel.isSequence()) {
                    session.locks().lockRelation(rel.oid(), org.larchdb.engine.tx.lock.LockMode.ACCESS_EXCLUSIVE);
                }
                if (rel.isView()) {
                    new org.larchdb.engine.catalog.ViewCatalog(database.catalog()).drop(session.transaction(), rel);
                } else {
                    database.catalog().dropTable(session.transaction(), rel);
                }
            }
        }
        for (NamespaceInfo ns : targets) {
            database.catalog().dropNamespace(session.transaction(), ns);
        }
        return "DROP SCHEMA";
    }

    private void announceCascade(List<RelationInfo> dropped) {
        if (dropped.size() == 1) {
            session.listener().notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                    "drop cascades to " + (dropped.get(0).isView() ? "view " : "table ") + qualified(dropped.get(0))));
            return;
        }
        List<String> lines = new ArrayList<>();
        for (RelationInfo rel : dropped) {
            lines.add("drop cascades to " + (rel.isView() ? "view " : "table ") + qualified(rel));
        }
        session.listener().notice(new Notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION,
                "drop cascades to " + dropped.size() + " other objects", String.join("\n", lines), null));
    }

    private static String qualified(RelationInfo rel) {
        return quote(rel.namespaceName()) + "." + quote(rel.name());
    }

    /** PostgreSQL's quote_identifier for the names LarchDB can tell need quotes (not keywords). */
    static String quote(String ident) {
        return ident.matches("[a-z_][a-z0-9_$]*") ? ident : "\"" + ident.replace("\"", "\"\"") + "\"";
    }

    private static String truncate(String name) {
        return name.length() > 63 ? name.substring(0, 63) : name;
    }
}
