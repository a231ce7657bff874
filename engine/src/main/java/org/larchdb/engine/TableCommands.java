package org.larchdb.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.NamespaceInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.catalog.SequenceInfo;
import org.larchdb.engine.catalog.SystemTable;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.exec.TableWriter;
import org.larchdb.engine.security.ObjectKind;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.security.RequiredPrivilege;
import org.larchdb.engine.sequence.SequenceStore;
import org.larchdb.engine.sql.BoundStatement;
import org.larchdb.engine.sql.UtilityStatement;
import org.larchdb.engine.tx.lock.LockMode;

/**
 * TRUNCATE, COMMENT ON and CREATE TABLE ... AS: statements that empty, describe or create-and-fill
 * whole tables, with PostgreSQL 15's checks, messages and command tags.
 */
final class TableCommands {
    private final Session session;
    private final Database database;

    TableCommands(Session session, Database database) {
        this.session = session;
        this.database = database;
    }

    // ---- TRUNCATE

    /**
     * Empties the tables (and with CASCADE those whose foreign keys reference them) by giving each
     * and its indexes new, empty files: the swap is undone by rollback, the old files go at commit.
     */
    String truncate(UtilityStatement.Truncate t) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        Map<Long, RelationInfo> targets = new LinkedHashMap<>();
        for (UtilityStatement.QualifiedName qn : t.names()) {
            RelationInfo rel = lookup(snapshot, qn);
            if (rel == null) {
                throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + qn + "\" does not exist");
            }
            // Locked before the checks, as PostgreSQL's RangeVarGetRelid does.
            session.locks().lockRelation(rel.oid(), LockMode.ACCESS_EXCLUSIVE);
            checkTruncatable(rel);
            targets.putIfAbsent(rel.oid(), rel);
        }
        List<RelationInfo> queue = new ArrayList<>(targets.values());
        for (int i = 0; i < queue.size(); i++) {
            RelationInfo rel = queue.get(i);
            for (long referencing : database.catalog().referencingTables(rel.oid())) {
                if (targets.containsKey(referencing)) {
                    continue;
                }
                RelationInfo other = snapshot.relation(referencing);
                if (other == null) {
                    continue;
                }
                if (!t.cascade()) {
                    throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                            "cannot truncate a table referenced in a foreign key constraint")
                            .withDetail("Table \"" + other.name() + "\" references \"" + rel.name() + "\".")
                            .withHint("Truncate table \"" + other.name()
                                    + "\" at the same time, or use TRUNCATE ... CASCADE.");
                }
                session.listener().notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                        "truncate cascades to table \"" + other.name() + "\""));
                session.locks().lockRelation(other.oid(), LockMode.ACCESS_EXCLUSIVE);
                checkTruncatable(other);
                targets.put(other.oid(), other);
                queue.add(other);
            }
        }
        List<SequenceInfo> restart = new ArrayList<>();
        if (t.restartIdentity()) {
            for (SequenceInfo seq : snapshot.sequencesByOid().values()) {
                RelationInfo seqRel = snapshot.relation(seq.oid());
                if (seq.ownerTable() != 0 && targets.containsKey(seq.ownerTable()) && seqRel != null) {
                    database.accessControl().check(session.role(), List.of(new RequiredPrivilege(
                            ObjectKind.SEQUENCE, seqRel.oid(), seqRel.name(), seqRel.owner(), Privilege.OWNERSHIP,
                            List.of())));
                    restart.add(seq);
                }
            }
        }
        for (RelationInfo rel : targets.values()) {
            database.catalog().assignNewRelfilenode(session.transaction(), rel.oid());
            for (IndexInfo index : rel.indexes()) {
                database.catalog().assignNewRelfilenode(session.transaction(), index.oid());
            }
        }
        for (SequenceInfo seq : restart) {
            restartSequence(snapshot.relation(seq.oid()), seq);
        }
        return "TRUNCATE TABLE";
    }

    /** As ALTER SEQUENCE ... RESTART, but undone with the transaction (PostgreSQL gives it a new file). */
    private void restartSequence(RelationInfo sequence, SequenceInfo parameters) {
        SequenceStore store = database.sequences();
        long lastValue = store.lastValue(sequence);
        boolean isCalled = store.isCalled(sequence);
        store.set(sequence, parameters, parameters.start(), false);
        store.parametersChanged(sequence);
        session.transaction().onRollback(() -> {
            store.set(sequence, parameters, lastValue, isCalled);
            store.parametersChanged(sequence);
        });
    }

    /** PostgreSQL's truncate_check_rel: a table, TRUNCATE privilege (or owner), not a system catalog. */
    private void checkTruncatable(RelationInfo rel) {
        if (rel.kind() != RelationInfo.TABLE) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a table");
        }
        database.accessControl().check(session.role(), List.of(new RequiredPrivilege(ObjectKind.TABLE, rel.oid(),
                rel.name(), rel.owner(), Privilege.TRUNCATE, List.of())));
        if (rel.isSystem()) {
            throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + rel.name()
                    + "\" is a system catalog");
        }
    }

    // ---- COMMENT ON

    String comment(UtilityStatement.Comment c) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        if (c.objectKind().equals("schema")) {
            NamespaceInfo ns = snapshot.namespace(c.name().name());
            if (ns == null) {
                throw new DbException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + c.name().name()
                        + "\" does not exist");
            }
            database.accessControl().check(session.role(), List.of(new RequiredPrivilege(ObjectKind.SCHEMA,
                    ns.oid(), ns.name(), ns.owner(), Privilege.OWNERSHIP, List.of())));
            database.catalog().setDescription(session.transaction(), ns.oid(), SystemTable.PG_NAMESPACE.oid(), 0,
                    c.text());
            return "COMMENT";
        }
        RelationInfo rel = lookup(snapshot, c.name());
        if (rel == null) {
            throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + c.name() + "\" does not exist");
        }
        int subId = 0;
        ObjectKind kind;
        switch (c.objectKind()) {
            case "column" -> {
                ColumnInfo col = rel.columns().stream().filter(x -> x.name().equals(c.column())).findFirst()
                        .orElse(null);
                if (col == null) {
                    throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + c.column() + "\" of relation \""
                            + rel.name() + "\" does not exist");
                }
                subId = col.attnum();
                kind = rel.isIndex() ? ObjectKind.INDEX : rel.isSequence() ? ObjectKind.SEQUENCE : ObjectKind.TABLE;
            }
            case "index" -> {
                requireKind(rel, rel.isIndex(), "an index");
                kind = ObjectKind.INDEX;
            }
            case "sequence" -> {
                requireKind(rel, rel.isSequence(), "a sequence");
                kind = ObjectKind.SEQUENCE;
            }
            case "view" -> {
                requireKind(rel, rel.kind() == 'v', "a view");
                kind = ObjectKind.TABLE;
            }
            default -> {
                requireKind(rel, rel.kind() == RelationInfo.TABLE, "a table");
                kind = ObjectKind.TABLE;
            }
        }
        database.accessControl().check(session.role(), List.of(new RequiredPrivilege(kind, rel.oid(), rel.name(),
                rel.owner(), Privilege.OWNERSHIP, List.of())));
        database.catalog().setDescription(session.transaction(), rel.oid(), SystemTable.PG_CLASS.oid(), subId,
                c.text());
        return "COMMENT";
    }

    private static void requireKind(RelationInfo rel, boolean ok, String what) {
        if (!ok) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not " + what);
        }
    }

    // ---- CREATE TABLE AS

    /** Creates the table, then (unless WITH NO DATA) fills it from the query in the same transaction. */
    String createTableAs(BoundStatement.CreateTableAs c, ExecContext ctx) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        if (snapshot.relation(c.namespaceOid(), c.name()) != null) {
            if (c.ifNotExists()) {
                session.listener().notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, "relation \"" + c.name()
                        + "\" already exists, skipping"));
                return "CREATE TABLE AS";
            }
            throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + c.name() + "\" already exists");
        }
        RelationInfo table = database.catalog().createTable(session.transaction(), c.namespaceOid(), c.name(),
                session.role().oid(), c.columns());
        session.locks().lockRelation(table.oid(), LockMode.ACCESS_EXCLUSIVE);
        if (!c.withData()) {
            return "CREATE TABLE AS";
        }
        TableWriter writer = new TableWriter(table, ctx);
        long count = 0;
        try (RowSource rows = c.query().open(ctx)) {
            Object[] row;
            while ((row = rows.next()) != null) {
                Object[] stored = row.length == table.columns().size() ? row
                        : java.util.Arrays.copyOf(row, table.columns().size());
                writer.insert(stored);
                count++;
            }
        }
        return "SELECT " + count;
    }

    // ---- names

    /** A relation by possibly qualified name through search_path (pg_catalog first), or null. */
    private RelationInfo lookup(CatalogSnapshot snapshot, UtilityStatement.QualifiedName qn) {
        return session.lookupRelation(snapshot, qn);
    }
}
