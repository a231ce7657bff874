package org.larchdb.engine;

import java.util.List;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.ConstraintInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.exec.CheckValidation;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.security.ObjectKind;
import org.larchdb.engine.security.Privilege;
import org.larchdb.engine.security.RequiredPrivilege;
import org.larchdb.engine.sql.AnalysisContext;
import org.larchdb.engine.sql.CheckConstraints;
import org.larchdb.engine.sql.UtilityStatement;

/**
 * ALTER TABLE: ADD CHECK (validating the existing rows unless NOT VALID) and DROP CONSTRAINT.
 * The table is resolved when the statement runs, as PostgreSQL does for utility statements.
 */
final class AlterTableCommand {
    private final Session session;
    private final Database database;

    AlterTableCommand(Session session, Database database) {
        this.session = session;
        this.database = database;
    }

    String run(UtilityStatement.AlterTable a, ExecContext ctx) {
        RelationInfo table = resolve(a.table(), a.ifExists());
        if (table == null) {
            if (a.ifExists()) {
                session.listener().notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                        "relation \"" + a.table().name() + "\" does not exist, skipping"));
                return "ALTER TABLE";
            }
            String shown = a.table().schema() == null ? a.table().name() : a.table().toString();
            throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
        }
        if (table.isIndex()) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + table.name() + "\" is not a table");
        }
        // Nobody reads or writes the table while its definition changes (to the end of the transaction).
        session.locks().lockRelation(table.oid(), org.larchdb.engine.tx.lock.LockMode.ACCESS_EXCLUSIVE);
        if (table.isSystem()) {
            throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + table.name()
                    + "\" is a system catalog");
        }
        database.accessControl().check(session.role(), List.of(new RequiredPrivilege(ObjectKind.TABLE, table.oid(),
                table.name(), table.owner(), Privilege.OWNERSHIP, List.of())));
        for (UtilityStatement.AlterTableAction action : a.actions()) {
            RelationInfo current = database.catalog().snapshot().relation(table.oid());
            switch (action) {
                case UtilityStatement.AddCheck add -> addCheck(current, add.check(), ctx);
                case UtilityStatement.DropConstraint drop -> dropConstraint(current, drop);
                case UtilityStatement.AddKey add -> new AddKeyCommand(session, database, ctx).add(current, add.key());
                case UtilityStatement.AddForeignKey add ->
                        new ForeignKeyCommand(session, database).add(current, add.foreignKey(), true, ctx);
                default -> new AlterColumnCommands(session, database, ctx).run(current, action);
            }
        }
        return "ALTER TABLE";
    }

    private void addCheck(RelationInfo table, UtilityStatement.CheckConstraint check, ExecContext ctx) {
        CatalogSnapshot snapshot = database.catalog().snapshot();
        AnalysisContext actx = new AnalysisContext(snapshot, session.searchPath(), session.role(),
                session.textFormat());
        CheckConstraints.Definition def = CheckConstraints.define(check, table.name(), table.columns(), actx,
                n -> snapshot.constraintNameExists(table.namespaceOid(), n), !check.notValid());
        if (table.constraint(def.name()) != null) {
            throw new DbException(SqlState.DUPLICATE_OBJECT, "constraint \"" + def.name() + "\" for relation \""
                    + table.name() + "\" already exists");
        }
        if (!check.notValid()) {
            Expr predicate = CheckConstraints.analyze(check.expression(), table.name(), table.columns(), actx);
            CheckValidation.validate(table, def.name(), predicate, ctx);
        }
        database.catalog().addConstraint(session.transaction(), table, def.name(), ConstraintInfo.CHECK,
                def.attnums(), 0, def.expression(), def.validated());
    }

    private void dropConstraint(RelationInfo table, UtilityStatement.DropConstraint drop) {
        ConstraintInfo c = table.constraint(drop.name());
        if (c == null) {
            if (drop.ifExists()) {
                session.listener().notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, "constraint \""
                        + drop.name() + "\" of relation \"" + table.name() + "\" does not exist, skipping"));
                return;
            }
            throw new DbException(SqlState.UNDEFINED_OBJECT, "constraint \"" + drop.name() + "\" of relation \""
                    + table.name() + "\" does not exist");
        }
        new ForeignKeyCommand(session, database).dropDependents("constraint " + c.name() + " on table "
                + table.name(), "index " + c.name(), ForeignKeyCommand.usingIndex(database.catalog().snapshot(),
                table, c), drop.cascade());
        if (c.isForeignKey() && c.foreignKey().referencedTableOid() != table.oid()) {
            // The referenced table's writers must not be checking against it meanwhile (PostgreSQL).
            session.locks().lockRelation(c.foreignKey().referencedTableOid(),
                    org.larchdb.engine.tx.lock.LockMode.SHARE_ROW_EXCLUSIVE);
        }
        database.catalog().dropConstraint(session.transaction(), c);
    }

    private RelationInfo resolve(UtilityStatement.QualifiedName qn, boolean ifExists) {
        try {
            return session.lookupRelation(database.catalog().snapshot(), qn);
        } catch (DbException e) {
            if (ifExists && e.state() == SqlState.INVALID_SCHEMA_NAME) {
                return null;
            }
            throw e;
        }
    }
}
