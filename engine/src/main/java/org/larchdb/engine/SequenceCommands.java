package org.larchdb.engine;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.NamespaceInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.catalog.SequenceInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.ObjectKind;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.security.RequiredPrivilege;
import org.larchdb.engine.sequence.SequenceDefinition;
import org.larchdb.engine.sequence.SequenceStore;
import org.larchdb.engine.sql.OwnedSequence;
import org.larchdb.engine.sql.SequenceOptions;
import org.larchdb.engine.sql.UtilityStatement;
import org.larchdb.engine.tx.Transaction;
import org.larchdb.engine.types.DataType;

/**
 * CREATE/ALTER/DROP SEQUENCE and the sequences of serial and identity columns. Catalog rows change in
 * the session's transaction; the sequence's value changes at once (see sequence/SequenceStore).
 */
final class SequenceCommands {
    private final Session session;
    private final Database database;

    SequenceCommands(Session session, Database database) {
        this.session = session;
        this.database = database;
    }

    /** CREATE SEQUENCE; the analyzer already fixed the schema (the name is qualified). */
    String create(UtilityStatement.CreateSequence c) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        NamespaceInfo ns = snapshot.namespace(c.name().schema());
        if (snapshot.relation(ns.oid(), c.name().name()) != null) {
            if (c.ifNotExists()) {
                notice("relation \"" + c.name().name() + "\" already exists, skipping");
                return "CREATE SEQUENCE";
            }
            throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + c.name().name() + "\" already exists");
        }
        SequenceInfo p = SequenceDefinition.define(c.options(), null, DataType.INT8);
        p = withOwnedBy(p, c.options(), ns.oid(), session.role().oid());
        long first = p.start();
        if (c.options().restart() && c.options().restartValue() != null) {
            first = c.options().restartValue();
            SequenceDefinition.checkRestart(first, p);
        }
        createSequence(ns.oid(), c.name().name(), session.role().oid(), p, first);
        return "CREATE SEQUENCE";
    }

    /** The sequences of a new table's serial and identity columns, owned by their columns. */
    void createOwned(RelationInfo table, List<OwnedSequence> sequences) {
        for (OwnedSequence s : sequences) {
            createSequence(table.namespaceOid(), s.name(), table.owner(),
                    s.parameters().withOwner(table.oid(), s.attnum(), s.dependency()), s.parameters().start());
        }
    }

    /** DROP TABLE drops the sequences its columns own (in the catalog); their cached values go at commit. */
    void forgetOwnedOnCommit(RelationInfo table) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        for (SequenceInfo s : snapshot.sequencesByOid().values()) {
            RelationInfo rel = snapshot.relation(s.oid());
            if (s.ownerTable() == table.oid() && rel != null) {
                session.transaction().onCommit(() -> database.sequences().forget(rel));
            }
        }
    }

    private void createSequence(long namespaceOid, String name, long owner, SequenceInfo p, long first) {
        Transaction txn = session.transaction();
        RelationInfo rel = database.catalog().createSequence(txn, namespaceOid, name, owner, p);
        SequenceStore store = database.sequences();
        store.initialize(rel, first);
        txn.onRollback(() -> store.forget(rel));
    }

    String alter(UtilityStatement.AlterSequence a) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        RelationInfo rel = lookup(snapshot, a.name());
        if (rel == null) {
            if (a.ifExists()) {
                notice("relation \"" + a.name().name() + "\" does not exist, skipping");
                return "ALTER SEQUENCE";
            }
            throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + a.name() + "\" does not exist");
        }
        SequenceInfo old = snapshot.sequence(rel.oid());
        if (!rel.isSequence() || old == null) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a sequence");
        }
        checkOwner(rel);
        SequenceInfo p = SequenceDefinition.define(a.options(), old, old.type());
        p = withOwnedBy(p, a.options(), rel.namespaceOid(), rel.owner());
        SequenceStore store = database.sequences();
        Long restartAt = null;
        if (a.options().restart()) {
            restartAt = a.options().restartValue() != null ? a.options().restartValue() : p.start();
            SequenceDefinition.checkRestart(restartAt, p);
        } else {
            SequenceDefinition.checkRestart(store.lastValue(rel), p);
        }
        database.catalog().alterSequence(session.transaction(), p);
        if (restartAt != null) {
            // Not undone by ROLLBACK (PostgreSQL 15 would undo it with the new relfilenode it writes).
            store.set(rel, p, restartAt, false);
        }
        store.parametersChanged(rel);
        return "ALTER SEQUENCE";
    }

    String drop(UtilityStatement.DropSequence d) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        List<RelationInfo> targets = new ArrayList<>();
        for (UtilityStatement.QualifiedName qn : d.names()) {
            RelationInfo rel = lookup(snapshot, qn);
            if (rel == null) {
                if (d.ifExists()) {
                    notice("sequence \"" + qn.name() + "\" does not exist, skipping");
                    continue;
                }
                throw new DbException(SqlState.UNDEFINED_TABLE, "sequence \"" + qn.name() + "\" does not exist");
            }
            if (!rel.isSequence()) {
                throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a sequence")
                        .withHint(rel.isIndex() ? "Use DROP INDEX to remove an index."
                                : "Use DROP TABLE to remove a table.");
            }
            checkOwner(rel);
            SequenceInfo p = snapshot.sequence(rel.oid());
            if (p != null && p.ownedByIdentity()) {
                RelationInfo table = snapshot.relation(p.ownerTable());
                String column = table == null ? "?" : table.columns().stream()
                        .filter(col -> col.attnum() == p.ownerColumn()).map(ColumnInfo::name).findFirst().orElse("?");
                String table1 = table == null ? "?" : table.name();
                throw new DbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop sequence " + rel.name()
                        + " because column " + column + " of table " + table1 + " requires it")
                        .withHint("You can drop column " + column + " of table " + table1 + " instead.");
            }
            List<String> dependents = new ArrayList<>();
            for (RelationInfo table : snapshot.relationsByOid().values()) {
                for (ColumnInfo col : table.columns()) {
                    if (usesSequence(col.defaultExpr(), rel)) {
                        dependents.add("default value for column " + col.name() + " of table " + table.name());
                        if (d.cascade()) {
                            database.catalog().dropColumnDefault(session.transaction(), table, col.attnum());
                        }
                    }
                }
            }
            if (!dependents.isEmpty() && !d.cascade()) {
                throw new DbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop sequence " + rel.name()
                        + " because other objects depend on it")
                        .withDetail(String.join("\n", dependents.stream().map(x -> x + " depends on sequence "
                                + rel.name()).toList()))
                        .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
            if (dependents.size() == 1) {
                notice("drop cascades to " + dependents.get(0));
            } else if (!dependents.isEmpty()) {
                notice("drop cascades to " + dependents.size() + " other objects", String.join("\n",
                        dependents.stream().map(x -> "drop cascades to " + x).toList()));
            }
            targets.add(rel);
        }
        Transaction txn = session.transaction();
        for (RelationInfo rel : targets) {
            database.catalog().dropSequence(txn, rel);
            txn.onCommit(() -> database.sequences().forget(rel));
        }
        return "DROP SEQUENCE";
    }

    /** Whether a DEFAULT expression's text calls nextval on {@code sequence} (by its plain or qualified name). */
    private static boolean usesSequence(String defaultExpr, RelationInfo sequence) {
        if (defaultExpr == null) {
            return false;
        }
        String text = defaultExpr.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        return text.contains("nextval('" + sequence.name() + "'")
                || text.contains("nextval('" + sequence.namespaceName() + "." + sequence.name() + "'");
    }

    /** Applies OWNED BY: table.column of a table with the same owner and schema, or NONE. */
    private SequenceInfo withOwnedBy(SequenceInfo p, SequenceOptions o, long namespaceOid, long owner) {
        if (o.ownedBy() == null) {
            return p;
        }
        if (o.ownedBy().isEmpty()) {
            return p.withOwner(0, 0, ' ');
        }
        if (o.ownedBy().size() < 2) {
            throw new DbException(SqlState.SYNTAX_ERROR, "invalid OWNED BY option")
                    .withHint("Specify OWNED BY table.column or OWNED BY NONE.");
        }
        List<String> parts = o.ownedBy();
        String column = parts.get(parts.size() - 1);
        UtilityStatement.QualifiedName tableName = new UtilityStatement.QualifiedName(
                parts.size() > 2 ? parts.get(parts.size() - 3) : null, parts.get(parts.size() - 2));
        RelationInfo table = lookup(database.catalog().snapshot(), tableName);
        if (table == null) {
            throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + tableName + "\" does not exist");
        }
        if (table.kind() != RelationInfo.TABLE) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "sequence cannot be owned by relation \""
                    + table.name() + "\"").withDetail("This operation is not supported for "
                    + (table.isIndex() ? "indexes." : "sequences."));
        }
        if (table.owner() != owner) {
            throw new DbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "sequence must have same owner as table it is linked to");
        }
        if (table.namespaceOid() != namespaceOid) {
            throw new DbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "sequence must be in same schema as table it is linked to");
        }
        ColumnInfo col = table.column(column);
        if (col == null) {
            throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \""
                    + table.name() + "\" does not exist");
        }
        return p.withOwner(table.oid(), col.attnum(), SequenceInfo.DEPENDENCY_AUTO);
    }

    private void checkOwner(RelationInfo rel) {
        database.accessControl().check(session.role(), List.of(new RequiredPrivilege(ObjectKind.SEQUENCE,
                rel.oid(), rel.name(), rel.owner(), Privilege.OWNERSHIP, List.of())));
    }

    private void notice(String message) {
        session.listener().notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, message));
    }

    private void notice(String message, String detail) {
        session.listener().notice(new Notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION, message, detail, null));
    }

    private RelationInfo lookup(CatalogSnapshot snapshot, UtilityStatement.QualifiedName qn) {
        return session.lookupRelation(snapshot, qn);
    }
}
