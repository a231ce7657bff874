package org.larchdb.engine.plan;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.IndexScanExec;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.DataType;

/**
 * Reads a table's rows through one of its B+tree indexes, in index order (reversed when
 * {@code backward}). The range is given by values of the index's leading columns: rows whose key
 * starts with {@code lowValues} (or sorts after them when {@code lowInclusive} is false) up to rows
 * starting with {@code highValues}; an empty list means unbounded. The bound expressions are
 * constants or parameters, evaluated when the scan opens; a NULL bound matches nothing. The
 * rows produced are a superset of what the predicate wants: the plan keeps its filter above.
 * With {@code withTid} each row carries its tuple id as an extra last BIGINT column.
 * {@code rowMark} (null for a plain read) says how rows are locked for writing.
 */
public record IndexScanNode(RelationInfo table, IndexInfo index, List<Expr> lowValues, boolean lowInclusive,
                            List<Expr> highValues, boolean highInclusive, boolean backward, boolean withTid,
                            RowMark rowMark)
        implements PlanNode {

    public IndexScanNode {
        lowValues = List.copyOf(lowValues);
        highValues = List.copyOf(highValues);
    }

    public IndexScanNode(RelationInfo table, IndexInfo index, List<Expr> lowValues, boolean lowInclusive,
                         List<Expr> highValues, boolean highInclusive, boolean backward, boolean withTid) {
        this(table, index, lowValues, lowInclusive, highValues, highInclusive, backward, withTid, null);
    }

    /** This scan locking its rows as {@code mark} says. */
    public IndexScanNode withRowMark(RowMark mark) {
        return new IndexScanNode(table, index, lowValues, lowInclusive, highValues, highInclusive, backward, withTid,
                mark);
    }

    @Override
    public List<DataType> outputTypes() {
        List<DataType> types = new ArrayList<>(List.of(table.columnTypes()));
        if (withTid) {
            types.add(DataType.INT8);
        }
        return types;
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new IndexScanExec(this, ctx);
    }

    @Override
    public String describe() {
        return "Index Scan" + (backward ? " Backward" : "") + " using " + index.name() + " on " + table.name();
    }
}
