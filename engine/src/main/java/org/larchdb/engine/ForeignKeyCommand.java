package org.larchdb.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.ConstraintInfo;
import org.larchdb.engine.catalog.ForeignKeyInfo;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.NamespaceInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.ForeignKeyValidation;
import org.larchdb.engine.sql.CheckConstraints;
import org.larchdb.engine.sql.UtilityStatement;
import org.larchdb.engine.tx.lock.LockMode;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.PgType;

/**
 * Defines a FOREIGN KEY (CREATE TABLE, ALTER TABLE ... ADD): resolves the referenced table and
 * columns, finds the unique index they must have, checks the column types pair up, names the
 * constraint as PostgreSQL does ({@code c_pid_fkey}), validates existing rows when asked, and
 * stores the pg_constraint row. Errors follow PostgreSQL's ATAddForeignKeyConstraint in order.
 */
final class ForeignKeyCommand {
    private final Session session;
    private final Database database;

    ForeignKeyCommand(Session session, Database database) {
        this.session = session;
        this.database = database;
    }

    /**
     * Adds {@code def} to {@code table}; existing rows are checked unless {@code validate} is false
     * (a table just created, or NOT VALID).
     */
    ConstraintInfo add(RelationInfo table, UtilityStatement.ForeignKeyConstraint def, boolean validate,
                       ExecContext ctx) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        RelationInfo parent = resolve(snapshot, def.refTable());
        if (parent.kind() != RelationInfo.TABLE) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "referenced relation \"" + parent.name()
                    + "\" is not a table");
        }
        if (parent.isSystem()) {
            throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + parent.name()
                    + "\" is a system catalog");
        }
        if (parent.oid() != table.oid()) {
            // As PostgreSQL: writers of the referenced table wait until this DDL's transaction ends.
            session.locks().lockRelation(parent.oid(), LockMode.SHARE_ROW_EXCLUSIVE);
            parent = database.catalog().snapshot().relation(parent.oid());
        }
        List<Integer> attnums = columns(table, def.columns());
        List<Integer> refAttnums;
        IndexInfo index;
        if (def.refColumns().isEmpty()) {
            index = parent.indexes().stream().filter(IndexInfo::primary).findFirst().orElseThrow(() ->
                    new DbException(SqlState.UNDEFINED_OBJECT, "there is no primary key for referenced table \""
                            + def.refTable().name() + "\""));
            refAttnums = index.attnums();
        } else {
            refAttnums = columns(parent, def.refColumns());
            if (new HashSet<>(refAttnums).size() != refAttnums.size()) {
                throw new DbException(SqlState.INVALID_FOREIGN_KEY,
                        "foreign key referenced-columns list must not contain duplicates");
            }
            index = parent.indexes().stream().filter(i -> i.unique() && i.attnums().size() == refAttnums.size()
                    && new HashSet<>(i.attnums()).equals(new HashSet<>(refAttnums))).findFirst().orElseThrow(() ->
                    new DbException(SqlState.INVALID_FOREIGN_KEY, "there is no unique constraint matching given keys"
                            + " for referenced table \"" + def.refTable().name() + "\""));
        }
        List<Integer> setAttnums = new ArrayList<>();
        for (String name : def.deleteSetColumns()) {
            ColumnInfo c = table.column(name);
            if (c == null) {
                throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + name
                        + "\" referenced in foreign key constraint does not exist");
            }
            if (!attnums.contains(c.attnum())) {
                throw new DbException(SqlState.INVALID_COLUMN_REFERENCE, "column \"" + name
                        + "\" referenced in ON DELETE SET action must be part of foreign key");
            }
            setAttnums.add(c.attnum());
        }
        if (attnums.size() != refAttnums.size()) {
            throw new DbException(SqlState.INVALID_FOREIGN_KEY,
                    "number of referencing and referenced columns for foreign key disagree");
        }
        String name = def.name() != null ? truncate(def.name()) : chooseName(table, attnums, snapshot);
        for (int i = 0; i < attnums.size(); i++) {
            ColumnInfo fkCol = table.columns().get(attnums.get(i) - 1);
            ColumnInfo pkCol = parent.columns().get(refAttnums.get(i) - 1);
            if (!compatible(fkCol.type().type(), pkCol.type().type())) {
                throw new DbException(SqlState.DATATYPE_MISMATCH, "foreign key constraint \"" + name
                        + "\" cannot be implemented")
                        .withDetail("Key columns \"" + fkCol.name() + "\" and \"" + pkCol.name()
                                + "\" are of incompatible types: " + fkCol.type().type().sqlName() + " and "
                                + pkCol.type().type().sqlName() + ".");
            }
        }
        ForeignKeyInfo info = new ForeignKeyInfo(parent.oid(), refAttnums, def.updateAction(), def.deleteAction(),
                def.matchType(), setAttnums, def.deferrable(), def.initiallyDeferred());
        RelationInfo current = database.catalog().snapshot().relation(table.oid());
        if (current.constraint(name) != null) {
            throw new DbException(SqlState.DUPLICATE_OBJECT, "constraint \"" + name + "\" for relation \""
                    + table.name() + "\" already exists");
        }
        if (validate && !def.notValid()) {
            ConstraintInfo probe = new ConstraintInfo(0, name, table.namespaceOid(), ConstraintInfo.FOREIGN_KEY,
                    table.oid(), attnums, index.oid(), null, true, info);
            ForeignKeyValidation.validate(current, probe, database.catalog().snapshot(), ctx);
        }
        return database.catalog().addForeignKey(session.transaction(), current, name, attnums, index.oid(), info,
                !def.notValid());
    }

    /**
     * Before dropping {@code what} ("table p", "constraint p_pkey on table p"): the foreign keys of
     * {@code dependents} depend on it. Without CASCADE that is 2BP01 as in PostgreSQL; with it they
     * are dropped (each referencing table locked first) after a NOTICE naming them.
     */
    void dropDependents(String what, String dependsOn, List<ConstraintInfo> dependents, boolean cascade) {
        if (dependents.isEmpty()) {
            return;
        }
        CatalogSnapshot snapshot = database.catalog().snapshot();
        List<ConstraintInfo> sorted = new ArrayList<>(dependents);
        sorted.sort((x, y) -> Long.compare(x.oid(), y.oid()));
        List<String> lines = new ArrayList<>();
        for (ConstraintInfo c : sorted) {
            lines.add("constraint " + c.name() + " on table " + snapshot.relation(c.tableOid()).name());
        }
        if (!cascade) {
            throw new DbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop " + what
                    + " because other objects depend on it")
                    .withDetail(String.join("\n", lines.stream().map(l -> l + " depends on " + dependsOn).toList()))
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        Notice notice = lines.size() == 1
                ? Notice.notice(SqlState.SUCCESSFUL_COMPLETION, "drop cascades to " + lines.get(0))
                : new Notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION, "drop cascades to " + lines.size()
                        + " other objects", String.join("\n", lines.stream().map(l -> "drop cascades to " + l)
                        .toList()), null);
        session.listener().notice(notice);
        for (ConstraintInfo c : sorted) {
            session.locks().lockRelation(c.tableOid(), LockMode.ACCESS_EXCLUSIVE);
            database.catalog().dropConstraint(session.transaction(), c);
        }
    }

    /** The foreign keys referencing {@code table} from tables not in {@code dropping}. */
    static List<ConstraintInfo> referencingFromOutside(CatalogSnapshot snapshot, RelationInfo table,
                                                       List<Long> dropping) {
        return snapshot.referencingForeignKeys(table.oid()).stream()
                .filter(c -> !dropping.contains(c.tableOid())).toList();
    }

    /** The foreign keys whose referenced key is the index of {@code key} (a PRIMARY KEY/UNIQUE being dropped). */
    static List<ConstraintInfo> usingIndex(CatalogSnapshot snapshot, RelationInfo table, ConstraintInfo key) {
        return snapshot.referencingForeignKeys(table.oid()).stream()
                .filter(c -> key.indexOid() != 0 && c.indexOid() == key.indexOid() && c.oid() != key.oid()).toList();
    }

    /**
     * SET CONSTRAINTS: for this transaction, checks of the named (or ALL) deferrable constraints
     * wait for COMMIT or run at statement end; those made IMMEDIATE have their pending checks run
     * now. Outside a block PostgreSQL only warns (and the setting dies with the statement).
     */
    String setConstraints(UtilityStatement.SetConstraints sc, ExecContext ctx) {
        boolean inBlock = session.inBlock();
        if (!inBlock) {
            session.listener().notice(new Notice("WARNING", SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "SET CONSTRAINTS can only be used in transaction blocks", null, null));
        }
        List<Long> oids = null;
        if (sc.names() != null) {
            oids = new ArrayList<>();
            CatalogSnapshot snapshot = database.catalog().snapshot();
            for (UtilityStatement.QualifiedName qn : sc.names()) {
                List<ConstraintInfo> found = new ArrayList<>();
                for (RelationInfo rel : snapshot.relationsByOid().values()) {
                    NamespaceInfo ns = snapshot.namespacesByOid().get(rel.namespaceOid());
                    boolean visible = qn.schema() != null ? ns != null && ns.name().equals(qn.schema())
                            : ns != null && session.searchPath().contains(ns.name());
                    ConstraintInfo c = visible ? rel.constraint(qn.name()) : null;
                    if (c != null && c.isForeignKey()) {
                        found.add(c);
                    }
                }
                if (found.isEmpty()) {
                    throw new DbException(SqlState.UNDEFINED_OBJECT, "constraint \"" + qn.name()
                            + "\" does not exist");
                }
                for (ConstraintInfo c : found) {
                    if (!c.foreignKey().deferrable()) {
                        throw new DbException(SqlState.WRONG_OBJECT_TYPE, "constraint \"" + qn.name()
                                + "\" is not deferrable");
                    }
                    oids.add(c.oid());
                }
            }
        }
        if (!inBlock) {
            return "SET CONSTRAINTS";
        }
        session.foreignKeyChecks().setConstraints(oids, sc.deferred(), ctx);
        return "SET CONSTRAINTS";
    }

    private static List<Integer> columns(RelationInfo rel, List<String> names) {
        List<Integer> attnums = new ArrayList<>();
        for (String n : names) {
            ColumnInfo c = rel.column(n);
            if (c == null) {
                throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + n
                        + "\" referenced in foreign key constraint does not exist");
            }
            attnums.add(c.attnum());
        }
        return attnums;
    }

    /**
     * Whether a key of type {@code fk} can reference one of type {@code pk}: PostgreSQL needs an
     * equality operator of the referenced index's operator family, i.e. the same type, an implicit
     * cast to it, or a cross-type member of the family (integers, floats, strings).
     */
    static boolean compatible(PgType fk, PgType pk) {
        if (fk == pk || Casts.canCast(fk, pk, Casts.Context.IMPLICIT)) {
            return true;
        }
        return family(fk) != null && family(fk).equals(family(pk));
    }

    private static String family(PgType t) {
        return switch (t) {
            case INT2, INT4, INT8 -> "integer";
            case FLOAT4, FLOAT8 -> "float";
            case TEXT, VARCHAR, BPCHAR, NAME -> "text";
            case DATE, TIMESTAMP, TIMESTAMPTZ -> "datetime";
            default -> null;
        };
    }

    /** PostgreSQL's ChooseConstraintName(table, "col1_col2", "fkey"), free in the schema. */
    private String chooseName(RelationInfo table, List<Integer> attnums, CatalogSnapshot snapshot) {
        StringBuilder cols = new StringBuilder();
        for (int attnum : attnums) {
            String c = table.columns().get(attnum - 1).name();
            // ChooseForeignKeyConstraintNameAddition stops adding names once NAMEDATALEN is reached.
            if (cols.length() > 0) {
                if (cols.length() + 1 + c.length() >= 63) {
                    break;
                }
                cols.append('_');
            }
            cols.append(c);
        }
        Predicate<String> taken = n -> snapshot.constraintNameExists(table.namespaceOid(), n);
        return CheckConstraints.chooseConstraintName(table.name(), cols.toString(), "fkey", taken);
    }

    private static String truncate(String name) {
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private RelationInfo resolve(CatalogSnapshot snapshot, UtilityStatement.QualifiedName qn) {
        RelationInfo rel = session.lookupRelation(snapshot, qn);
        if (rel == null) {
            throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + (qn.schema() != null
                    ? qn.schema() + "." : "") + qn.name() + "\" does not exist");
        }
        return rel;
    }
}
