package org.larchdb.engine.plan;

import org.larchdb.engine.expr.Expr;

/** One ORDER BY key: PostgreSQL's defaults are NULLS LAST for ASC and NULLS FIRST for DESC. */
public record SortKey(Expr expr, boolean descending, boolean nullsFirst) {
}
