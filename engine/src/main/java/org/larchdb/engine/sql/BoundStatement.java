package org.larchdb.engine.sql;

import java.util.List;
import org.larchdb.engine.ResultColumn;
import org.larchdb.engine.StatementKind;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.ModifyNode;
import org.larchdb.engine.plan.PlanNode;
import org.larchdb.engine.security.RequiredPrivilege;

/** An analyzed statement: what to run, the columns it returns, and the privileges it needs. */
public sealed interface BoundStatement {

    /** Columns of the returned rows, or null when the statement returns none. */
    List<ResultColumn> resultColumns();

    StatementKind kind();

    List<RequiredPrivilege> privileges();

    /** A SELECT: a plan producing rows. */
    record Query(PlanNode plan, List<ResultColumn> resultColumns, List<RequiredPrivilege> privileges)
            implements BoundStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.SELECT;
        }
    }

    /**
     * INSERT, UPDATE or DELETE. With RETURNING, {@code returning} holds one expression per result
     * column, evaluated over each row as stored (new values for UPDATE, old ones for DELETE);
     * without, both it and {@code resultColumns} are null.
     */
    record Modify(ModifyNode plan, StatementKind kind, List<Expr> returning, List<ResultColumn> resultColumns,
                  List<RequiredPrivilege> privileges) implements BoundStatement {
        public Modify(ModifyNode plan, StatementKind kind, List<RequiredPrivilege> privileges) {
            this(plan, kind, null, null, privileges);
        }
    }

    /**
     * CREATE TABLE, with its validated column definitions, the indexes its key constraints need and its
     * analyzed, named CHECK constraints.
     */
    record CreateTable(long namespaceOid, String name, List<ColumnInfo> columns, List<IndexDefinition> indexes,
                       List<CheckConstraints.Definition> checks, boolean ifNotExists,
                       List<RequiredPrivilege> privileges, List<OwnedSequence> sequences,
                       List<IndexDefinition> plainIndexes,
                       List<UtilityStatement.ForeignKeyConstraint> foreignKeys) implements BoundStatement {
        public CreateTable(long namespaceOid, String name, List<ColumnInfo> columns, List<IndexDefinition> indexes,
                           boolean ifNotExists, List<RequiredPrivilege> privileges) {
            this(namespaceOid, name, columns, indexes, List.of(), ifNotExists, privileges, List.of(), List.of(), List.of());
        }

        /** Without LIKE indexes and foreign keys (these are resolved when the statement runs). */
        public CreateTable(long namespaceOid, String name, List<ColumnInfo> columns, List<IndexDefinition> indexes,
                           List<CheckConstraints.Definition> checks, boolean ifNotExists,
                           List<RequiredPrivilege> privileges, List<OwnedSequence> sequences) {
            this(namespaceOid, name, columns, indexes, checks, ifNotExists, privileges, sequences, List.of(), List.of());
        }

        @Override
        public List<ResultColumn> resultColumns() {
            return null;
        }

        @Override
        public StatementKind kind() {
            return StatementKind.DDL;
        }
    }

    /**
     * CREATE TABLE ... AS query: the new table's columns (named and typed from the query) and the
     * query's plan, run to fill it unless WITH NO DATA.
     */
    record CreateTableAs(long namespaceOid, String name, List<ColumnInfo> columns, PlanNode query,
                         boolean withData, boolean ifNotExists, List<RequiredPrivilege> privileges)
            implements BoundStatement {
        @Override
        public List<ResultColumn> resultColumns() {
            return null;
        }

        @Override
        public StatementKind kind() {
            return StatementKind.DDL;
        }
    }

    /** CREATE INDEX on a table. */
    record CreateIndex(RelationInfo table, IndexDefinition index, boolean ifNotExists,
                       List<RequiredPrivilege> privileges) implements BoundStatement {
        @Override
        public List<ResultColumn> resultColumns() {
            return null;
        }

        @Override
        public StatementKind kind() {
            return StatementKind.DDL;
        }
    }

    /** A statement the session runs itself (transaction control, settings, roles, DROP TABLE). */
    record Utility(UtilityStatement statement, List<ResultColumn> resultColumns, StatementKind kind,
                   List<RequiredPrivilege> privileges) implements BoundStatement {
    }
}
