package org.larchdb.engine.sql;

import java.util.List;

/**
 * Statements LarchDB parses itself rather than through JSqlParser: transaction control, SET/RESET/SHOW,
 * role management and DROP TABLE (whose lists and options JSqlParser handles poorly).
 */
public sealed interface UtilityStatement {

    /** BEGIN, or START TRANSACTION ({@code start}), which PostgreSQL tags differently. */
    record Begin(String isolation, Boolean readOnly, boolean start) implements UtilityStatement {
    }

    record Commit() implements UtilityStatement {
    }

    /** CHECKPOINT: force a checkpoint now. */
    record Checkpoint() implements UtilityStatement {
    }

    record Rollback() implements UtilityStatement {
    }

    record SetTransaction(String isolation, Boolean readOnly) implements UtilityStatement {
    }

    /** SAVEPOINT name. */
    record Savepoint(String name) implements UtilityStatement {
    }

    /** RELEASE [SAVEPOINT] name. */
    record ReleaseSavepoint(String name) implements UtilityStatement {
    }

    /** ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name. */
    record RollbackToSavepoint(String name) implements UtilityStatement {
    }

    /** LOCK [TABLE] [ONLY] name [, ...] [IN mode MODE] [NOWAIT]; {@code mode} as written, e.g. "ROW EXCLUSIVE". */
    record LockTable(List<QualifiedName> names, String mode, boolean nowait) implements UtilityStatement {
    }

    /** SET name = value; {@code value} null means DEFAULT. */
    record SetVariable(String name, String value, boolean local) implements UtilityStatement {
    }

    /** RESET name, or RESET ALL when name is null. */
    record ResetVariable(String name) implements UtilityStatement {
    }

    /** SHOW name, or SHOW ALL when name is null. */
    record ShowVariable(String name) implements UtilityStatement {
    }

    record CreateRole(String name, RoleOptions options, boolean user) implements UtilityStatement {
    }

    record AlterRole(String name, RoleOptions options) implements UtilityStatement {
    }

    record DropRole(List<String> names, boolean ifExists) implements UtilityStatement {
    }

    record DropTable(List<QualifiedName> names, boolean ifExists, boolean cascade) implements UtilityStatement {
    }

    /** CREATE TABLE with its column definitions as written (types and defaults are checked by the analyzer). */
    record CreateTable(QualifiedName name, boolean ifNotExists, List<ColumnDefinition> columns,
                       List<KeyConstraint> constraints, List<CheckConstraint> checks, List<LikeClause> likes,
                       List<ForeignKeyConstraint> foreignKeys) implements UtilityStatement {
        public CreateTable(QualifiedName name, boolean ifNotExists, List<ColumnDefinition> columns,
                           List<KeyConstraint> constraints) {
            this(name, ifNotExists, columns, constraints, List.of(), List.of(), List.of());
        }

        public CreateTable(QualifiedName name, boolean ifNotExists, List<ColumnDefinition> columns,
                           List<KeyConstraint> constraints, List<CheckConstraint> checks) {
            this(name, ifNotExists, columns, constraints, checks, List.of(), List.of());
        }
    }

    /**
     * LIKE source [INCLUDING | EXCLUDING option ...] among CREATE TABLE's elements: its columns go before
     * {@code columns().get(position)}. {@code including} holds the options in effect after the list, lower
     * case ("defaults", "constraints", "indexes", "identity", ...).
     */
    record LikeClause(QualifiedName source, java.util.Set<String> including, int position) {
    }

    /**
     * CREATE TABLE [IF NOT EXISTS] name [(column names)] AS query [WITH [NO] DATA]: {@code query} is the
     * query's text, {@code queryPosition} its 0-based offset in the statement.
     */
    record CreateTableAs(QualifiedName name, boolean ifNotExists, List<String> columnNames, String query,
                         int queryPosition, boolean withData) implements UtilityStatement {
    }

    /** TRUNCATE [TABLE] [ONLY] name [, ...] [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]. */
    record Truncate(List<QualifiedName> names, boolean restartIdentity, boolean cascade)
            implements UtilityStatement {
    }

    /**
     * COMMENT ON kind name IS 'text' | NULL. {@code objectKind} is "table", "column", "index", "schema",
     * "sequence" or "view"; for a column {@code name} is its relation. {@code text} null removes the comment.
     */
    record Comment(String objectKind, QualifiedName name, String column, String text) implements UtilityStatement {
    }

    /**
     * FOREIGN KEY (columns) REFERENCES table [(refColumns)] as written ({@code refColumns} empty: the
     * referenced table's primary key). Actions and match type use pg_constraint's letters
     * (catalog.ForeignKeyInfo); {@code deleteSetColumns} are ON DELETE SET NULL/DEFAULT (cols).
     */
    record ForeignKeyConstraint(String name, List<String> columns, QualifiedName refTable, List<String> refColumns,
                                char matchType, char updateAction, char deleteAction, List<String> deleteSetColumns,
                                boolean deferrable, boolean initiallyDeferred, boolean notValid) {
    }

    /** SET CONSTRAINTS { ALL | names } { DEFERRED | IMMEDIATE }; {@code names} null for ALL. */
    record SetConstraints(List<QualifiedName> names, boolean deferred) implements UtilityStatement {
    }

    /** ADD [CONSTRAINT name] FOREIGN KEY ... [NOT VALID]. */
    record AddForeignKey(ForeignKeyConstraint foreignKey) implements AlterTableAction {
    }

    /**
     * CHECK (expression) with its name when one was given; {@code expression} is the text between the
     * parentheses, {@code position} its 1-based offset in the statement (for error positions).
     */
    record CheckConstraint(String name, String expression, int position, boolean notValid) {
    }

    /** CREATE SCHEMA [IF NOT EXISTS] [name] [AUTHORIZATION role]; {@code name} null means the role's name. */
    record CreateSchema(String name, boolean ifNotExists, String authorization) implements UtilityStatement {
    }

    record DropSchema(List<String> names, boolean ifExists, boolean cascade) implements UtilityStatement {
    }

    /** ALTER TABLE [IF EXISTS] name action [, ...] with the actions LarchDB supports. */
    record AlterTable(QualifiedName table, boolean ifExists, List<AlterTableAction> actions)
            implements UtilityStatement {
    }

    /** One action of ALTER TABLE. */
    sealed interface AlterTableAction {
    }

    /** ADD [CONSTRAINT name] CHECK (...) [NOT VALID]. */
    record AddCheck(CheckConstraint check) implements AlterTableAction {
    }

    /** ADD [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols). */
    record AddKey(KeyConstraint key) implements AlterTableAction {
    }

    /** DROP CONSTRAINT [IF EXISTS] name [RESTRICT | CASCADE]. */
    record DropConstraint(String name, boolean ifExists, boolean cascade) implements AlterTableAction {
        public DropConstraint(String name, boolean ifExists) {
            this(name, ifExists, false);
        }

    }

    /**
     * ADD [COLUMN] [IF NOT EXISTS] column definition, with the CHECKs written on the column; the column's
     * PRIMARY KEY/UNIQUE are refused by the parser.
     */
    record AddColumn(ColumnDefinition column, boolean ifNotExists, List<CheckConstraint> checks)
            implements AlterTableAction {
    }

    /** DROP [COLUMN] [IF EXISTS] name [RESTRICT | CASCADE]. */
    record DropColumn(String name, boolean ifExists, boolean cascade) implements AlterTableAction {
    }

    /** RENAME [COLUMN] name TO new_name. */
    record RenameColumn(String name, String newName) implements AlterTableAction {
    }

    /** RENAME TO new_name (of the table). */
    record RenameTable(String newName) implements AlterTableAction {
    }

    /**
     * ALTER [COLUMN] name [SET DATA] TYPE type [USING expression]; {@code using} is the expression's text
     * (null when none), {@code usingPosition} its 1-based offset in the statement.
     */
    record AlterColumnType(String name, String typeName, String using, int usingPosition) implements AlterTableAction {
    }

    /** ALTER [COLUMN] name SET DEFAULT expression, or DROP DEFAULT ({@code expression} null). */
    record AlterColumnDefault(String name, String expression) implements AlterTableAction {
    }

    /** ALTER [COLUMN] name SET NOT NULL ({@code notNull}) or DROP NOT NULL. */
    record AlterColumnNotNull(String name, boolean notNull) implements AlterTableAction {
    }

    /** OWNER TO role (CURRENT_USER, CURRENT_ROLE and SESSION_USER as written, lower case). */
    record OwnerTo(String role) implements AlterTableAction {
    }

    /**
     * One column of CREATE TABLE: its type as written ("character varying(20)") and its DEFAULT
     * expression's text (null when none). {@code notNull} is null when neither NULL nor NOT NULL was given.
     * PRIMARY KEY and UNIQUE written on the column become {@link KeyConstraint}s of the table.
     * {@code identity} is 'a' (GENERATED ALWAYS AS IDENTITY), 'd' (BY DEFAULT) or '\0', with the
     * identity's sequence options.
     */
    record ColumnDefinition(String name, String typeName, Boolean notNull, String defaultExpr, char identity,
                            SequenceOptions identityOptions) {
        public ColumnDefinition(String name, String typeName, Boolean notNull, String defaultExpr) {
            this(name, typeName, notNull, defaultExpr, org.larchdb.engine.catalog.ColumnInfo.NO_IDENTITY, null);
        }
    }

    /** CREATE SEQUENCE. */
    record CreateSequence(QualifiedName name, boolean ifNotExists, SequenceOptions options)
            implements UtilityStatement {
    }

    /** ALTER SEQUENCE with sequence options (RESTART allowed). */
    record AlterSequence(QualifiedName name, boolean ifExists, SequenceOptions options) implements UtilityStatement {
    }

    record DropSequence(List<QualifiedName> names, boolean ifExists, boolean cascade) implements UtilityStatement {
    }

    /** PRIMARY KEY or UNIQUE over columns, with its name when one was given (CONSTRAINT name ...). */
    record KeyConstraint(String name, boolean primary, List<String> columns) {
    }

    /** CREATE [UNIQUE] INDEX; {@code name} null when PostgreSQL is to choose it. */
    record CreateIndex(String name, QualifiedName table, boolean unique, boolean ifNotExists,
                       List<IndexColumn> columns) implements UtilityStatement {
    }

    /** An index key column; {@code nullsFirst} null means the default for the direction. */
    record IndexColumn(String name, boolean descending, Boolean nullsFirst) {
    }

    record DropIndex(List<QualifiedName> names, boolean ifExists, boolean cascade) implements UtilityStatement {
    }

    /** A possibly schema-qualified name. */
    record QualifiedName(String schema, String name) {
        @Override
        public String toString() {
            return schema == null ? name : schema + "." + name;
        }
    }

    /** Role attributes given in CREATE/ALTER ROLE; null fields were not mentioned. */
    record RoleOptions(Boolean superuser, Boolean createDb, Boolean createRole, Boolean inherit, Boolean login,
                       Boolean replication, Boolean bypassRls, Integer connectionLimit, String password,
                       boolean passwordNull, String validUntil) {
    }

    /** CREATE [OR REPLACE] VIEW as parsed: {@code columnNames} empty when not given, {@code query} the SQL after AS. */
    record CreateView(QualifiedName name, boolean orReplace, List<String> columnNames, String query)
            implements UtilityStatement {
    }

    /**
     * CREATE [OR REPLACE] VIEW as analyzed: schema and name resolved, the columns the query returns (named as
     * the view names them) and the relations it reads.
     */
    record DefineView(long namespaceOid, String name, boolean orReplace,
                      List<org.larchdb.engine.catalog.ColumnInfo> columns, String query, List<Long> references)
            implements UtilityStatement {
    }

    /** DROP VIEW [IF EXISTS] name [, ...] [CASCADE | RESTRICT]. */
    record DropView(List<QualifiedName> names, boolean ifExists, boolean cascade) implements UtilityStatement {
    }
}
