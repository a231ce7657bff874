package org.larchdb.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.catalog.ViewCatalog;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.ObjectKind;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.security.RequiredPrivilege;
import org.larchdb.engine.sql.UtilityStatement;
import org.larchdb.engine.tx.lock.LockMode;

/**
 * CREATE [OR REPLACE] VIEW, DROP VIEW, and what dropping a relation means for the views that read it:
 * PostgreSQL's 2BP01 without CASCADE, or the views dropped too (with its NOTICE) with it.
 */
final class ViewCommands {
    private final Session session;
    private final Database database;

    ViewCommands(Session session, Database database) {
        this.session = session;
        this.database = database;
    }

    String define(UtilityStatement.DefineView v) {
        ViewCatalog views = new ViewCatalog(database.catalog());
        RelationInfo existing = database.catalog().snapshot().relation(v.namespaceOid(), v.name());
        if (existing != null && v.orReplace() && existing.isView()) {
            // Readers must not see the query change under them.
            session.locks().lockRelation(existing.oid(), LockMode.ACCESS_EXCLUSIVE);
            views.replace(session.transaction(), existing, v.columns(), v.query(), v.references());
        } else {
            views.create(session.transaction(), v.namespaceOid(), v.name(), session.role().oid(), v.columns(),
                    v.query(), v.references());
        }
        return "CREATE VIEW";
    }

    String drop(UtilityStatement.DropView d) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        List<RelationInfo> targets = new ArrayList<>();
        for (UtilityStatement.QualifiedName qn : d.names()) {
            RelationInfo rel = lookup(snapshot, qn);
            if (rel == null) {
                if (d.ifExists()) {
                    session.listener().notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                            "view \"" + qn.name() + "\" does not exist, skipping"));
                    continue;
                }
                throw new DbException(SqlState.UNDEFINED_TABLE, "view \"" + qn.name() + "\" does not exist");
            }
            if (!rel.isView()) {
                throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a view")
                        .withHint("Use " + dropCommand(rel) + " to remove " + article(rel) + ".");
            }
            database.accessControl().check(session.role(), List.of(new RequiredPrivilege(ObjectKind.VIEW,
                    rel.oid(), rel.name(), rel.owner(), Privilege.OWNERSHIP, List.of())));
            targets.add(rel);
        }
        dropDependents(targets, d.cascade());
        ViewCatalog views = new ViewCatalog(database.catalog());
        for (RelationInfo rel : targets) {
            session.locks().lockRelation(rel.oid(), LockMode.ACCESS_EXCLUSIVE);
            views.drop(session.transaction(), rel);
        }
        return "DROP VIEW";
    }

    /**
     * Before {@code targets} are dropped: fails with PostgreSQL's 2BP01 when views read them (directly or
     * through other views) and {@code cascade} is false; otherwise announces and drops those views.
     */
    void dropDependents(List<RelationInfo> targets, boolean cascade) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        Map<Long, String> dependents = new LinkedHashMap<>();
        Map<Long, RelationInfo> views = new LinkedHashMap<>();
        List<Long> targetOids = targets.stream().map(RelationInfo::oid).toList();
        for (RelationInfo target : targets) {
            collect(snapshot, target, targetOids, dependents, views);
        }
        if (dependents.isEmpty()) {
            return;
        }
        if (!cascade) {
            String message = targets.size() == 1 ? "cannot drop " + describe(targets.get(0))
                    + " because other objects depend on it"
                    : "cannot drop desired object(s) because other objects depend on them";
            throw new DbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, message)
                    .withDetail(String.join("\n", dependents.values()))
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        if (views.size() == 1) {
            session.listener().notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, "drop cascades to "
                    + describe(views.values().iterator().next())));
        } else {
            List<String> lines = views.values().stream().map(v -> "drop cascades to " + describe(v)).toList();
            session.listener().notice(new Notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION, "drop cascades to "
                    + views.size() + " other objects", String.join("\n", lines), null));
        }
        ViewCatalog catalog = new ViewCatalog(database.catalog());
        // Dependent views last-found first, so no view outlives one it reads.
        List<RelationInfo> order = new ArrayList<>(views.values());
        for (RelationInfo view : order.reversed()) {
            session.locks().lockRelation(view.oid(), LockMode.ACCESS_EXCLUSIVE);
            catalog.drop(session.transaction(), view);
        }
    }

    /** Depth first, as PostgreSQL's findDependentObjects reports them: each view, then what depends on it. */
    private static void collect(CatalogSnapshot snapshot, RelationInfo rel, List<Long> targets,
                                Map<Long, String> lines, Map<Long, RelationInfo> views) {
        for (RelationInfo view : snapshot.dependentViews(rel.oid())) {
            if (targets.contains(view.oid()) || views.containsKey(view.oid())) {
                continue;
            }
            if (!targets.contains(rel.oid()) && readsAny(snapshot, view, targets)) {
                continue; // reported as depending on the dropped relation itself, as PostgreSQL does
            }
            views.put(view.oid(), view);
            lines.put(view.oid(), describe(view) + " depends on " + describe(rel));
            collect(snapshot, view, targets, lines, views);
        }
    }

    private static boolean readsAny(CatalogSnapshot snapshot, RelationInfo view, List<Long> targets) {
        var info = snapshot.view(view.oid());
        return info != null && info.references().stream().anyMatch(targets::contains);
    }

    /** PostgreSQL's getObjectDescription for a relation: "table t", "view v". */
    static String describe(RelationInfo rel) {
        String kind = switch (rel.kind()) {
            case RelationInfo.VIEW -> "view";
            case RelationInfo.SEQUENCE -> "sequence";
            case RelationInfo.INDEX -> "index";
            default -> "table";
        };
        return kind + " " + rel.name();
    }

    private static String dropCommand(RelationInfo rel) {
        return switch (rel.kind()) {
            case RelationInfo.INDEX -> "DROP INDEX";
            case RelationInfo.SEQUENCE -> "DROP SEQUENCE";
            default -> "DROP TABLE";
        };
    }

    private static String article(RelationInfo rel) {
        return switch (rel.kind()) {
            case RelationInfo.INDEX -> "an index";
            case RelationInfo.SEQUENCE -> "a sequence";
            default -> "a table";
        };
    }

    private RelationInfo lookup(CatalogSnapshot snapshot, UtilityStatement.QualifiedName qn) {
        return session.lookupRelation(snapshot, qn);
    }
}
