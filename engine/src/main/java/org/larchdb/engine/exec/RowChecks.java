package org.larchdb.engine.exec;

import java.util.StringJoiner;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.ConstraintInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.sql.CheckConstraints;
import org.larchdb.engine.types.TextCodec;

/** Constraint checks on a row about to be stored. */
final class RowChecks {
    private RowChecks() {
    }

    /** NOT NULL: 23502 with PostgreSQL's message and the failing row in the DETAIL. */
    static void checkNotNull(RelationInfo rel, Object[] row, ExecContext ctx) {
        for (ColumnInfo c : rel.columns()) {
            if (c.notNull() && row[c.attnum() - 1] == null) {
                throw new DbException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + c.name()
                        + "\" of relation \"" + rel.name() + "\" violates not-null constraint")
                        .withDetail("Failing row contains " + describeRow(rel, row, ctx) + ".");
            }
        }
    }

    /**
     * CHECK constraints, in name order: only FALSE fails (NULL passes); 23514 with PostgreSQL's message
     * and the failing row in the DETAIL. NOT VALID constraints are enforced on new rows too, as there.
     */
    static void checkConstraints(RelationInfo rel, Object[] row, ExecContext ctx) {
        if (!hasCheck(rel)) {
            return;
        }
        for (CheckConstraints.Bound check : CheckConstraints.bound(rel, ctx.textFormat())) {
            if (Boolean.FALSE.equals(Evaluator.eval(check.predicate(), row, ctx))) {
                throw violation(rel, check.constraint())
                        .withDetail("Failing row contains " + describeRow(rel, row, ctx) + ".");
            }
        }
    }

    private static boolean hasCheck(RelationInfo rel) {
        for (ConstraintInfo c : rel.constraints()) {
            if (c.isCheck()) {
                return true;
            }
        }
        return false;
    }

    private static DbException violation(RelationInfo rel, ConstraintInfo c) {
        return new DbException(SqlState.CHECK_VIOLATION, "new row for relation \"" + rel.name()
                + "\" violates check constraint \"" + c.name() + "\"");
    }

    static String describeRow(RelationInfo rel, Object[] row, ExecContext ctx) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (ColumnInfo c : rel.columns()) {
            Object v = row[c.attnum() - 1];
            j.add(v == null ? "null" : TextCodec.format(v, c.type(), ctx.textFormat()));
        }
        return j.toString();
    }
}
