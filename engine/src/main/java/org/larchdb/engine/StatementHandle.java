package org.larchdb.engine;

import java.util.List;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.sql.BoundStatement;
import org.larchdb.engine.types.DataType;

/**
 * The engine's prepared statement: the analysis result and the catalog snapshot it was made
 * against, so a later catalog change can be detected and the statement re-analyzed.
 */
final class StatementHandle implements PreparedQuery {
    private final String sql;
    private final int[] declaredTypes;
    private final List<DataType> parameterTypes;
    private final BoundStatement statement;
    private final CatalogSnapshot snapshot;

    StatementHandle(String sql, int[] declaredTypes, List<DataType> parameterTypes, BoundStatement statement,
                    CatalogSnapshot snapshot) {
        this.sql = sql;
        this.declaredTypes = declaredTypes.clone();
        this.parameterTypes = List.copyOf(parameterTypes);
        this.statement = statement;
        this.snapshot = snapshot;
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public List<DataType> parameterTypes() {
        return parameterTypes;
    }

    @Override
    public List<ResultColumn> resultColumns() {
        return statement.resultColumns();
    }

    @Override
    public StatementKind kind() {
        return statement.kind();
    }

    BoundStatement statement() {
        return statement;
    }

    CatalogSnapshot snapshot() {
        return snapshot;
    }

    int[] declaredTypes() {
        return declaredTypes.clone();
    }
}
