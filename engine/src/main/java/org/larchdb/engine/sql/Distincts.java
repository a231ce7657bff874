package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.select.Distinct;
import net.sf.jsqlparser.statement.select.SelectItem;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.DistinctNode;
import org.larchdb.engine.plan.PlanNode;
import org.larchdb.engine.plan.ProjectNode;
import org.larchdb.engine.plan.SortKey;
import org.larchdb.engine.plan.SortNode;

/**
 * Plans SELECT DISTINCT and DISTINCT ON with PostgreSQL's rules for how they combine with ORDER BY
 * (parse_clause.c: transformDistinctClause, transformDistinctOnClause).
 */
final class Distincts {
    private Distincts() {
    }

    /**
     * The plan producing the select list's rows, de-duplicated and ordered; the caller adds LIMIT.
     *
     * @param input    rows of the query level (after aggregation when there is one)
     * @param outputs  the select list bound over {@code input}
     * @param sortKeys ORDER BY bound over {@code input}
     * @param bindOn   binds a DISTINCT ON item like an ORDER BY item (ordinals and output names allowed)
     */
    static PlanNode plan(Distinct distinct, PlanNode input, List<Expr> outputs, List<SortKey> sortKeys,
                         Function<Expression, Expr> bindOn) {
        if (distinct.getOnSelectItems() == null || distinct.getOnSelectItems().isEmpty()) {
            return distinct(input, outputs, sortKeys);
        }
        List<Expr> on = new ArrayList<>();
        for (SelectItem<?> item : distinct.getOnSelectItems()) {
            Expr e = bindOn.apply(item.getExpression());
            if (ExprMatch.indexOf(on, e) < 0) {
                on.add(e);
            }
        }
        // ORDER BY must start with the DISTINCT ON expressions (in any order) so that the row kept
        // per key is the first one the ORDER BY picks; the remaining ON keys sort after that prefix.
        List<SortKey> keys = new ArrayList<>();
        List<Expr> covered = new ArrayList<>();
        boolean skipped = false;
        for (SortKey k : sortKeys) {
            if (ExprMatch.indexOf(on, k.expr()) >= 0) {
                if (skipped) {
                    throw mismatch();
                }
                keys.add(k);
                covered.add(k.expr());
            } else {
                skipped = true;
            }
        }
        for (Expr e : on) {
            if (ExprMatch.indexOf(covered, e) < 0) {
                if (skipped) {
                    throw mismatch();
                }
                keys.add(new SortKey(e, false, false));
            }
        }
        for (SortKey k : sortKeys) {
            if (ExprMatch.indexOf(on, k.expr()) < 0) {
                keys.add(k);
            }
        }
        List<Expr> withKeys = new ArrayList<>(on);
        withKeys.addAll(outputs);
        PlanNode plan = new DistinctNode(new ProjectNode(new SortNode(input, keys), withKeys), on.size());
        List<Expr> strip = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            strip.add(new Expr.ColumnRef(on.size() + i, outputs.get(i).type(), null));
        }
        return new ProjectNode(plan, strip);
    }

    private static PlanNode distinct(PlanNode input, List<Expr> outputs, List<SortKey> sortKeys) {
        List<SortKey> overOutput = new ArrayList<>();
        for (SortKey k : sortKeys) {
            int i = ExprMatch.indexOf(outputs, k.expr());
            if (i < 0) {
                throw new DbException(SqlState.INVALID_COLUMN_REFERENCE,
                        "for SELECT DISTINCT, ORDER BY expressions must appear in select list");
            }
            overOutput.add(new SortKey(new Expr.ColumnRef(i, outputs.get(i).type(), null), k.descending(),
                    k.nullsFirst()));
        }
        PlanNode plan = new DistinctNode(new ProjectNode(input, outputs), outputs.size());
        return overOutput.isEmpty() ? plan : new SortNode(plan, overOutput);
    }

    private static DbException mismatch() {
        return new DbException(SqlState.INVALID_COLUMN_REFERENCE,
                "SELECT DISTINCT ON expressions must match initial ORDER BY expressions");
    }
}
