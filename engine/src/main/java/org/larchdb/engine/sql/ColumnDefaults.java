package org.larchdb.engine.sql;

import java.util.List;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.TextFormat;

/**
 * A column's DEFAULT bound outside a statement's analysis, for the executor's own writes
 * (ON DELETE SET DEFAULT of a foreign key). The stored text is analyzed again, as for INSERT.
 */
public final class ColumnDefaults {
    private ColumnDefaults() {
    }

    /** The column's default coerced to its type, or a NULL constant when it has none. */
    public static Expr bind(ColumnInfo column, CatalogSnapshot catalog, List<String> searchPath, TextFormat format) {
        if (column.defaultExpr() == null) {
            return new Expr.Const(null, column.type());
        }
        ExprBinder binder = new ExprBinder(new AnalysisContext(catalog, searchPath, null, format), Scope.empty(),
                new ParameterTypes(new int[0]), new Privileges());
        return binder.coerceForColumn(binder.bind(Analyzer.parseExpression(column.defaultExpr())), column.type(),
                column.name());
    }
}
