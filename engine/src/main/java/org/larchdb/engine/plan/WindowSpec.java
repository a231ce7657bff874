package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.expr.Expr;

/**
 * A window: the partitioning and ordering of the rows and the frame. Calls with equal specs share
 * one sort and one pass over the partitions.
 */
public record WindowSpec(List<Expr> partitionBy, List<SortKey> orderBy, WindowFrame frame) {

    public WindowSpec {
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
    }
}
