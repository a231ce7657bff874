package org.larchdb.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.ConstraintInfo;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.NamespaceInfo;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.IndexBuild;
import org.larchdb.engine.sql.IndexDefinition;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.config.SettingDefinition;
import org.larchdb.engine.config.Settings;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.ObjectKind;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.security.RequiredPrivilege;
import org.larchdb.engine.security.RoleInfo;
import org.larchdb.engine.sql.BoundStatement;
import org.larchdb.engine.sql.CheckConstraints;
import org.larchdb.engine.sql.UtilityStatement;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.TextCodec;
import org.larchdb.engine.tx.lock.LockMode;

/** Runs the statements that change the catalog or the session rather than rows. */
final class UtilityCommands {
    private final Session session;
    private final Database database;
    private final SequenceCommands sequences;

    UtilityCommands(Session session, Database database) {
        this.session = session;
        this.database = database;
        this.sequences = new SequenceCommands(session, database);
    }

    // ---- transaction control

    String transactionControl(UtilityStatement s) {
        return switch (s) {
            case UtilityStatement.Begin b -> {
                if (session.inBlock()) {
                    warning(SqlState.ACTIVE_SQL_TRANSACTION, "there is already a transaction in progress");
                } else {
                    session.beginBlock();
                }
                applyTransactionModes(b.isolation(), b.readOnly());
                yield b.start() ? "START TRANSACTION" : "BEGIN";
            }
            case UtilityStatement.Commit c -> {
                if (!session.inBlock()) {
                    warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
                    session.finishTransaction(true);
                    yield "COMMIT";
                }
                boolean failed = session.isFailed();
                session.finishTransaction(true);
                yield failed ? "ROLLBACK" : "COMMIT";
            }
            case UtilityStatement.Rollback r -> {
                if (!session.inBlock()) {
                    warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
                }
                session.finishTransaction(false);
                yield "ROLLBACK";
            }
            case UtilityStatement.Savepoint sp -> {
                session.savepoint(sp.name());
                yield "SAVEPOINT";
            }
            case UtilityStatement.ReleaseSavepoint sp -> {
                session.releaseSavepoint(sp.name());
                yield "RELEASE";
            }
            case UtilityStatement.RollbackToSavepoint sp -> {
                session.rollbackToSavepoint(sp.name());
                yield "ROLLBACK";
            }
            default -> throw new IllegalStateException("not transaction control: " + s);
        };
    }

    private void applyTransactionModes(String isolation, Boolean readOnly) {
        if (isolation != null) {
            session.applySetting(Settings.definition("transaction_isolation"), isolation, true);
        }
        if (readOnly != null) {
            session.applySetting(Settings.definition("transaction_read_only"), readOnly ? "on" : "off", true);
        }
    }

    private void warning(SqlState state, String message) {
        session.listener().notice(new Notice("WARNING", state, message, null, null));
    }

    private void notice(String message) {
        session.listener().notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, message));
    }

    // ---- DDL

    String createTable(BoundStatement.CreateTable c, ExecContext ctx) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        if (snapshot.relation(c.namespaceOid(), c.name()) != null) {
            if (c.ifNotExists()) {
                notice("relation \"" + c.name() + "\" already exists, skipping");
                return "CREATE TABLE";
            }
            throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + c.name() + "\" already exists");
        }
        RelationInfo table = database.catalog().createTable(session.transaction(), c.namespaceOid(), c.name(),
                session.role().oid(), c.columns());
        // Others already see it in the catalog: they wait on this lock until the CREATE commits.
        session.locks().lockRelation(table.oid(), LockMode.ACCESS_EXCLUSIVE);
        for (CheckConstraints.Definition check : c.checks()) {
            database.catalog().addConstraint(session.transaction(), table, check.name(), ConstraintInfo.CHECK,
                    check.attnums(), 0, check.expression(), check.validated());
        }
        sequences.createOwned(table, c.sequences());
        for (IndexDefinition index : c.indexes()) {
            IndexInfo created = database.catalog().createIndex(session.transaction(), table, index.name(),
                    index.attnums(), index.descending(), index.nullsFirst(), index.unique(), index.primary());
            database.catalog().addConstraint(session.transaction(), table, index.name(),
                    index.primary() ? ConstraintInfo.PRIMARY_KEY : ConstraintInfo.UNIQUE, index.attnums(),
                    created.oid(), null, true);
        }
        for (IndexDefinition index : c.plainIndexes()) { // copied by LIKE ... INCLUDING INDEXES
            database.catalog().createIndex(session.transaction(), table, index.name(), index.attnums(),
                    index.descending(), index.nullsFirst(), index.unique(), false);
        }
        for (UtilityStatement.ForeignKeyConstraint fk : c.foreignKeys()) {
            // After the keys: a table may reference itself. An empty new table has no rows to check.
            new ForeignKeyCommand(session, database).add(database.catalog().snapshot().relation(table.oid()), fk,
                    false, ctx);
        }
        return "CREATE TABLE";
    }

    /** CREATE INDEX: the catalog rows, then one entry per existing row (unique keys checked). */
    String createIndex(BoundStatement.CreateIndex c, ExecContext ctx) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        RelationInfo table = snapshot.relation(c.table().oid());
        if (table == null) {
            throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + c.table().name() + "\" does not exist");
        }
        session.locks().lockRelation(table.oid(), LockMode.SHARE); // writers wait; readers go on, as in PostgreSQL
        IndexDefinition def = c.index();
        if (snapshot.relation(table.namespaceOid(), def.name()) != null) {
            if (c.ifNotExists()) {
                notice("relation \"" + def.name() + "\" already exists, skipping");
                return "CREATE INDEX";
            }
            throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + def.name() + "\" already exists");
        }
        IndexInfo index = database.catalog().createIndex(session.transaction(), table, def.name(), def.attnums(),
                def.descending(), def.nullsFirst(), def.unique(), def.primary());
        IndexBuild.build(table, index, ctx);
        return "CREATE INDEX";
    }

    /** Runs a utility statement that returns no rows; returns its command tag. */
    String run(UtilityStatement s, ExecContext ctx) {
        return switch (s) {
            case UtilityStatement.CreateSchema c -> new SchemaCommands(session, database).createSchema(c);
            case UtilityStatement.DropSchema d -> new SchemaCommands(session, database).dropSchema(d);
            case UtilityStatement.AlterTable a -> new AlterTableCommand(session, database).run(a, ctx);
            case UtilityStatement.SetVariable set -> {
                session.setSetting(set.name(), set.value(), set.local());
                yield "SET";
            }
            case UtilityStatement.SetTransaction st -> {
                if (!session.inBlock()) {
                    warning(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                            "SET TRANSACTION can only be used in transaction blocks");
                }
                if (st.isolation() != null && session.transactionHasStatements()) {
                    throw new DbException(SqlState.ACTIVE_SQL_TRANSACTION,
                            "SET TRANSACTION ISOLATION LEVEL must be called before any query");
                }
                applyTransactionModes(st.isolation(), st.readOnly());
                yield "SET";
            }
            case UtilityStatement.ResetVariable reset -> {
                if (reset.name() == null) {
                    for (Map.Entry<SettingDefinition, String> e : session.settings().all()) {
                        if (Session.isSettableAtStartup(e.getKey())) {
                            session.applySetting(e.getKey(), null, false);
                        }
                    }
                } else {
                    session.setSetting(reset.name(), null, false);
                }
                yield "RESET";
            }
            case UtilityStatement.CreateRole r -> createRole(r);
            case UtilityStatement.AlterRole r -> alterRole(r);
            case UtilityStatement.DropRole r -> dropRole(r);
            case UtilityStatement.DropTable d -> dropTable(d);
            case UtilityStatement.DefineView v -> new ViewCommands(session, database).define(v);
            case UtilityStatement.DropView v -> new ViewCommands(session, database).drop(v);
            case UtilityStatement.Checkpoint c -> {
                if (!session.role().superuser()) {
                    throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to do CHECKPOINT");
                }
                database.checkpoint();
                yield "CHECKPOINT";
            }
            case UtilityStatement.DropIndex d -> dropIndex(d);
            case UtilityStatement.LockTable l -> lockTable(l);
            case UtilityStatement.SetConstraints sc -> new ForeignKeyCommand(session, database).setConstraints(sc, ctx);
            case UtilityStatement.CreateSequence c -> sequences.create(c);
            case UtilityStatement.AlterSequence a -> sequences.alter(a);
            case UtilityStatement.DropSequence d -> sequences.drop(d);
            case UtilityStatement.Truncate t -> new TableCommands(session, database).truncate(t);
            case UtilityStatement.Comment c -> new TableCommands(session, database).comment(c);
            default -> throw new IllegalStateException("unexpected utility statement " + s);
        };
    }

    /** Rows of SHOW name / SHOW ALL. */
    List<Object[]> show(UtilityStatement.ShowVariable show) {
        if (show.name() != null) {
            return List.<Object[]>of(new Object[] {session.settings().get(show.name())});
        }
        List<Object[]> rows = new ArrayList<>();
        List<Map.Entry<SettingDefinition, String>> all = new ArrayList<>(session.settings().all());
        all.sort((a, b) -> a.getKey().name().compareToIgnoreCase(b.getKey().name()));
        for (Map.Entry<SettingDefinition, String> e : all) {
            rows.add(new Object[] {e.getKey().name(), e.getValue(), e.getKey().description()});
        }
        return rows;
    }

    /** Rows of pg_settings: one per parameter, in name order, as PostgreSQL shows them. */
    List<Object[]> pgSettingsRows() {
        List<Object[]> rows = new ArrayList<>();
        List<Map.Entry<SettingDefinition, String>> all = new ArrayList<>(session.settings().all());
        all.sort((a, b) -> a.getKey().name().compareToIgnoreCase(b.getKey().name()));
        for (Map.Entry<SettingDefinition, String> e : all) {
            SettingDefinition d = e.getKey();
            boolean integer = d.kind() == SettingDefinition.Kind.INTEGER;
            String reset = session.settings().resetValue(d.name());
            rows.add(new Object[] {d.name(), rawValue(d, e.getValue()), d.unit(), "Uncategorized", d.description(),
                d.context().label(), d.vartype(), e.getValue().equals(Settings.defaults().get(d.name()))
                        ? "default" : "session",
                integer && d.min() != Long.MIN_VALUE ? Long.toString(d.min()) : null,
                integer && d.max() != Long.MAX_VALUE ? Long.toString(d.max()) : null,
                rawValue(d, Settings.defaults().get(d.name())), rawValue(d, reset), false});
        }
        return rows;
    }

    /** pg_settings shows integers in their base unit without the unit ("16384" for 128MB of 8kB). */
    private static String rawValue(SettingDefinition d, String shown) {
        if (d.kind() != SettingDefinition.Kind.INTEGER || d.unit() == null) {
            return shown;
        }
        Settings probe = Settings.defaults();
        probe.set(d.name(), shown);
        return Long.toString(probe.getLong(d.name()));
    }

    // ---- roles

    private String createRole(UtilityStatement.CreateRole r) {
        checkRoleName(r.name());
        UtilityStatement.RoleOptions o = r.options();
        RoleInfo me = session.role();
        if (Boolean.TRUE.equals(o.superuser()) && !me.superuser()) {
            throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to create superusers");
        }
        String verifier = o.password() == null ? null
                : database.passwordEncoder().encode(r.name(), o.password(),
                session.settings().get("password_encryption"));
        RoleInfo role = new RoleInfo(0, r.name(), bool(o.superuser(), false), bool(o.inherit(), true),
                bool(o.createRole(), false), bool(o.createDb(), false), bool(o.login(), r.user()),
                o.connectionLimit() == null ? -1 : o.connectionLimit(), verifier, validUntil(o.validUntil()));
        database.catalog().createRole(session.transaction(), role);
        return "CREATE ROLE";
    }

    private String alterRole(UtilityStatement.AlterRole r) {
        RoleInfo target = database.catalog().snapshot().role(r.name());
        if (target == null) {
            throw new DbException(SqlState.UNDEFINED_OBJECT, "role \"" + r.name() + "\" does not exist");
        }
        UtilityStatement.RoleOptions o = r.options();
        RoleInfo me = session.role();
        boolean onlyOwnPassword = target.oid() == me.oid() && o.superuser() == null && o.createDb() == null
                && o.createRole() == null && o.inherit() == null && o.login() == null && o.replication() == null
                && o.bypassRls() == null && o.connectionLimit() == null && o.validUntil() == null;
        if ((target.superuser() || o.superuser() != null) && !me.superuser()) {
            throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE,
                    "must be superuser to alter superuser roles or change superuser attribute");
        }
        if (!onlyOwnPassword) {
            database.accessControl().check(me, List.of(new RequiredPrivilege(ObjectKind.SYSTEM, 0, "", 0,
                    Privilege.CREATE_ROLE, List.of())));
        }
        String verifier = o.passwordNull() ? null : o.password() == null ? target.password()
                : database.passwordEncoder().encode(target.name(), o.password(),
                session.settings().get("password_encryption"));
        RoleInfo updated = new RoleInfo(target.oid(), target.name(), bool(o.superuser(), target.superuser()),
                bool(o.inherit(), target.inherit()), bool(o.createRole(), target.createRole()),
                bool(o.createDb(), target.createDb()), bool(o.login(), target.canLogin()),
                o.connectionLimit() == null ? target.connectionLimit() : o.connectionLimit(), verifier,
                o.validUntil() == null ? target.validUntil() : validUntil(o.validUntil()));
        database.catalog().alterRole(session.transaction(), updated);
        return "ALTER ROLE";
    }

    private String dropRole(UtilityStatement.DropRole r) {
        for (String name : r.names()) {
            RoleInfo target = database.catalog().snapshot().role(name);
            if (target == null) {
                if (r.ifExists()) {
                    notice("role \"" + name + "\" does not exist, skipping");
                    continue;
                }
                throw new DbException(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
            }
            if (target.oid() == session.role().oid()) {
                throw new DbException(SqlState.OBJECT_IN_USE, "current user cannot be dropped");
            }
            if (target.superuser() && !session.role().superuser()) {
                throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to drop superusers");
            }
            if (target.oid() == org.larchdb.engine.catalog.Catalog.BOOTSTRAP_SUPERUSER) {
                throw new DbException(SqlState.OBJECT_IN_USE, "cannot drop role " + name
                        + " because it is required by the database system");
            }
            List<String> owned = new ArrayList<>();
            CatalogSnapshot snapshot = database.catalog().snapshot();
            snapshot.namespacesByOid().values().stream().filter(ns -> ns.owner() == target.oid())
                    .sorted(java.util.Comparator.comparingLong(NamespaceInfo::oid))
                    .forEach(ns -> owned.add("owner of schema " + ns.name()));
            for (RelationInfo rel : snapshot.relationsByOid().values()) {
                if (rel.owner() == target.oid()) {
                    owned.add((rel.isSequence() ? "owner of sequence " : "owner of table ") + rel.name());
                }
            }
            if (!owned.isEmpty()) {
                throw new DbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "role \"" + name
                        + "\" cannot be dropped because some objects depend on it")
                        .withDetail(String.join("\n", owned));
            }
            database.catalog().dropRole(session.transaction(), target);
        }
        return "DROP ROLE";
    }

    private static void checkRoleName(String name) {
        if (name.equals("public") || name.equals("none")) {
            throw new DbException(SqlState.RESERVED_NAME, "role name \"" + name + "\" is reserved");
        }
        if (name.startsWith("pg_")) {
            throw new DbException(SqlState.RESERVED_NAME, "role name \"" + name + "\" is reserved")
                    .withDetail("Role names starting with \"pg_\" are reserved.");
        }
    }

    private Instant validUntil(String text) {
        if (text == null) {
            return null;
        }
        return (Instant) TextCodec.parse(text, DataType.TIMESTAMPTZ, session.textFormat());
    }

    private static boolean bool(Boolean given, boolean otherwise) {
        return given != null ? given : otherwise;
    }

    // ---- DROP TABLE

    private String dropTable(UtilityStatement.DropTable d) {
        List<RelationInfo> targets = new ArrayList<>();
        CatalogSnapshot snapshot = database.catalog().snapshot();
        for (UtilityStatement.QualifiedName qn : d.names()) {
            RelationInfo rel = lookup(snapshot, qn);
            if (rel == null) {
                if (d.ifExists()) {
                    notice("table \"" + qn.name() + "\" does not exist, skipping");
                    continue;
                }
                throw new DbException(SqlState.UNDEFINED_TABLE, "table \"" + qn.name() + "\" does not exist");
            }
            if (rel.isIndex() || rel.isSequence() || rel.isView()) {
                throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a table")
                        .withHint(rel.isIndex() ? "Use DROP INDEX to remove an index."
                                : rel.isView() ? "Use DROP VIEW to remove a view."
                                : "Use DROP SEQUENCE to remove a sequence.");
            }
            if (rel.isSystem()) {
                throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + rel.name()
                        + "\" is a system catalog");
            }
            database.accessControl().check(session.role(), List.of(new RequiredPrivilege(ObjectKind.TABLE,
                    rel.oid(), rel.name(), rel.owner(), Privilege.OWNERSHIP, List.of())));
            targets.add(rel);
        }
        new ViewCommands(session, database).dropDependents(targets, d.cascade());
        List<Long> dropping = targets.stream().map(RelationInfo::oid).toList();
        for (RelationInfo rel : targets) {
            // Nobody may be reading or writing it while it goes (until this transaction ends).
            session.locks().lockRelation(rel.oid(), LockMode.ACCESS_EXCLUSIVE);
            // Foreign keys of other tables referencing it: 2BP01, or dropped with CASCADE.
            new ForeignKeyCommand(session, database).dropDependents("table " + rel.name(), "table " + rel.name(),
                    ForeignKeyCommand.referencingFromOutside(database.catalog().snapshot(), rel, dropping),
                    d.cascade());
            sequences.forgetOwnedOnCommit(rel);
            database.catalog().dropTable(session.transaction(), rel);
        }
        return "DROP TABLE";
    }

    /**
     * LOCK TABLE: the named mode on each table until the transaction ends. ACCESS SHARE needs
     * SELECT, the stronger modes UPDATE (PostgreSQL also accepts DELETE or TRUNCATE for them).
     */
    private String lockTable(UtilityStatement.LockTable l) {
        if (!session.inBlock()) {
            throw new DbException(SqlState.NO_ACTIVE_SQL_TRANSACTION, "LOCK TABLE can only be used in transaction blocks");
        }
        LockMode mode = LockMode.forLockTable(l.mode());
        CatalogSnapshot snapshot = database.catalog().snapshot();
        for (UtilityStatement.QualifiedName qn : l.names()) {
            RelationInfo rel = lookup(snapshot, qn);
            if (rel == null) {
                throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + qn.name() + "\" does not exist");
            }
            if (rel.isIndex()) {
                throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a table");
            }
            Privilege needed = mode == LockMode.ACCESS_SHARE ? Privilege.SELECT : Privilege.UPDATE;
            database.accessControl().check(session.role(), List.of(new RequiredPrivilege(ObjectKind.TABLE,
                    rel.oid(), rel.name(), rel.owner(), needed, List.of())));
            session.locks().lockTableExplicitly(rel.oid(), mode, l.nowait());
        }
        return "LOCK TABLE";
    }

    private String dropIndex(UtilityStatement.DropIndex d) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        List<IndexInfo> targets = new ArrayList<>();
        for (UtilityStatement.QualifiedName qn : d.names()) {
            RelationInfo rel = lookup(snapshot, qn);
            if (rel == null) {
                if (d.ifExists()) {
                    notice("index \"" + qn.name() + "\" does not exist, skipping");
                    continue;
                }
                throw new DbException(SqlState.UNDEFINED_OBJECT, "index \"" + qn.name() + "\" does not exist");
            }
            if (!rel.isIndex()) {
                throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not an index")
                        .withHint("Use DROP TABLE to remove a table.");
            }
            IndexInfo index = null;
            RelationInfo table = null;
            for (RelationInfo r : snapshot.relationsByOid().values()) {
                for (IndexInfo i : r.indexes()) {
                    if (i.oid() == rel.oid()) {
                        index = i;
                        table = r;
                    }
                }
            }
            if (index == null) {
                throw new DbException(SqlState.UNDEFINED_OBJECT, "index \"" + qn.name() + "\" does not exist");
            }
            if (isConstraintIndex(table, index)) {
                throw new DbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + index.name()
                        + " because constraint " + index.name() + " on table " + table.name() + " requires it")
                        .withHint("You can drop constraint " + index.name() + " on table " + table.name()
                                + " instead.");
            }
            database.accessControl().check(session.role(), List.of(new RequiredPrivilege(ObjectKind.INDEX,
                    rel.oid(), rel.name(), rel.owner(), Privilege.OWNERSHIP, List.of())));
            session.locks().lockRelation(table.oid(), LockMode.ACCESS_EXCLUSIVE);
            targets.add(index);
        }
        for (IndexInfo index : targets) {
            database.catalog().dropIndex(session.transaction(), index);
        }
        return "DROP INDEX";
    }

    /** Whether an index backs a PRIMARY KEY or UNIQUE constraint (pg_constraint.conindid). */
    private static boolean isConstraintIndex(RelationInfo table, IndexInfo index) {
        return table.constraints().stream().anyMatch(c -> c.indexOid() == index.oid());
    }

    private RelationInfo lookup(CatalogSnapshot snapshot, UtilityStatement.QualifiedName qn) {
        return session.lookupRelation(snapshot, qn);
    }
}
