package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.expr.Expr;

/**
 * The ON CONFLICT clause of an INSERT. {@code arbiters} are the unique indexes whose conflicts it
 * handles (all unique indexes for a bare DO NOTHING). For DO UPDATE, {@code newValues} (one per
 * table column) and {@code where} (null: none) are evaluated over the existing row followed by the
 * proposed one (EXCLUDED); for DO NOTHING both are null.
 */
public record OnConflict(List<IndexInfo> arbiters, List<Expr> newValues, Expr where) {

    public OnConflict {
        arbiters = List.copyOf(arbiters);
        newValues = newValues == null ? null : List.copyOf(newValues);
    }

    public boolean doUpdate() {
        return newValues != null;
    }
}
