package org.larchdb.engine.sql;

import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.IndexScanNode;
import org.larchdb.engine.plan.PlanNode;
import org.larchdb.engine.plan.RowMark;
import org.larchdb.engine.plan.SeqScanNode;
import org.larchdb.engine.tx.lock.LockMode;
import org.larchdb.engine.tx.lock.WaitPolicy;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * Which rows a statement locks for writing, and how (plan/RowMark): the scan under UPDATE and
 * DELETE, and the table of SELECT … FOR UPDATE/NO KEY UPDATE/SHARE/KEY SHARE [NOWAIT | SKIP LOCKED].
 * The statement's condition goes into the mark, so a row is checked again once it is locked.
 */
final class RowMarks {
    private RowMarks() {
    }

    /** The scan of UPDATE/DELETE, locking each candidate row and re-checking {@code where}. */
    static PlanNode markForWrite(PlanNode scan, boolean keyChange, Expr where) {
        return mark(scan, RowMark.forWrite(keyChange, where));
    }

    /**
     * Whether an UPDATE assigns a column of a unique index (PostgreSQL's "key" columns): then it
     * locks rows FOR UPDATE, else FOR NO KEY UPDATE (which FOR KEY SHARE does not block).
     */
    static boolean changesKey(RelationInfo table, Expr[] assigned) {
        for (IndexInfo index : table.indexes()) {
            if (!index.unique()) {
                continue;
            }
            for (int attnum : index.attnums()) {
                if (attnum >= 1 && attnum <= assigned.length && assigned[attnum - 1] != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** SELECT … FOR …: only over one table, without grouping (PostgreSQL's 0A000 otherwise). */
    static PlanNode markForSelect(PlainSelect select, PlanNode plan, RelationInfo singleTable, Expr where,
                                  boolean aggregating) {
        String clause = "FOR " + select.getForMode().getValue().toUpperCase(java.util.Locale.ROOT);
        if (select.getDistinct() != null) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, clause + " is not allowed with DISTINCT clause");
        }
        if (select.getGroupBy() != null) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, clause + " is not allowed with GROUP BY clause");
        }
        if (select.getHaving() != null) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, clause + " is not allowed with HAVING clause");
        }
        if (select.getSelectItems().stream().anyMatch(i -> WindowBinder.containsWindow(i.getExpression()))) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, clause + " is not allowed with window functions");
        }
        if (aggregating) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, clause + " is not allowed with aggregate functions");
        }
        if (singleTable == null || !(plan instanceof SeqScanNode || plan instanceof IndexScanNode)) {
            throw DbException.notSupported(clause + " over joins, subqueries or several tables");
        }
        LockMode mode = switch (select.getForMode()) {
            case UPDATE -> LockMode.FOR_UPDATE;
            case NO_KEY_UPDATE -> LockMode.FOR_NO_KEY_UPDATE;
            case SHARE -> LockMode.FOR_SHARE;
            case KEY_SHARE -> LockMode.FOR_KEY_SHARE;
        };
        WaitPolicy.Kind wait = select.isNoWait() ? WaitPolicy.Kind.NOWAIT
                : select.isSkipLocked() ? WaitPolicy.Kind.SKIP : WaitPolicy.Kind.WAIT;
        return mark(plan, new RowMark(mode, wait, where));
    }

    private static PlanNode mark(PlanNode scan, RowMark mark) {
        return switch (scan) {
            case SeqScanNode s -> s.withRowMark(mark);
            case IndexScanNode i -> i.withRowMark(mark);
            default -> throw new IllegalStateException("not a scan: " + scan.describe());
        };
    }
}
