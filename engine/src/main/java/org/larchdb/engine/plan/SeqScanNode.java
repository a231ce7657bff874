package org.larchdb.engine.plan;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.exec.SeqScanExec;
import org.larchdb.engine.types.DataType;

/**
 * Reads every row of a table. With {@code withTid} each row carries its tuple id (packed in a
 * BIGINT) as an extra last column, for UPDATE and DELETE. {@code rowMark} (null for a plain read)
 * says how rows are locked for writing.
 */
public record SeqScanNode(RelationInfo relation, boolean withTid, RowMark rowMark) implements PlanNode {

    public SeqScanNode(RelationInfo relation, boolean withTid) {
        this(relation, withTid, null);
    }

    /** This scan locking its rows as {@code mark} says. */
    public SeqScanNode withRowMark(RowMark mark) {
        return new SeqScanNode(relation, withTid, mark);
    }

    @Override
    public List<DataType> outputTypes() {
        List<DataType> types = new ArrayList<>(List.of(relation.columnTypes()));
        if (withTid) {
            types.add(DataType.INT8);
        }
        return types;
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new SeqScanExec(this, ctx);
    }

    @Override
    public String describe() {
        return "Seq Scan on " + relation.name();
    }
}
