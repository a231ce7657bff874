package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.exec.DistinctExec;
import org.larchdb.engine.exec.ExecContext;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.types.DataType;

/**
 * Passes on the first row of each distinct value of the leading {@code keyCount} columns, in input
 * order. SELECT DISTINCT keys on every column; DISTINCT ON puts its key expressions first over
 * input sorted by them, so "first" is the row the ORDER BY chose.
 */
public record DistinctNode(PlanNode input, int keyCount) implements PlanNode {

    @Override
    public List<DataType> outputTypes() {
        return input.outputTypes();
    }

    @Override
    public RowSource open(ExecContext ctx) {
        return new DistinctExec(input.open(ctx), outputTypes().subList(0, keyCount));
    }

    @Override
    public String describe() {
        return "HashDistinct";
    }
}
