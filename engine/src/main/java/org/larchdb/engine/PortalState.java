package org.larchdb.engine;

import java.util.List;
import org.larchdb.engine.exec.RowSource;
import org.larchdb.engine.sql.BoundStatement;

/** The engine's portal: bound parameters, the statement to run and, once started, its open cursor. */
final class PortalState implements Portal {
    private final StatementHandle query;
    private BoundStatement statement;
    /** The catalog the statement was analyzed against. */
    private org.larchdb.engine.catalog.CatalogSnapshot snapshot;
    private final Object[] parameters;
    RowSource cursor;
    /** Rows produced so far (the SELECT tag counts across Execute calls). */
    long rowsSent;
    /** Rows of a SHOW or of a RETURNING list, produced on the first Execute. */
    List<Object[]> utilityRows;
    /** The tag to complete with once the rows of a RETURNING list are all sent. */
    String pendingTag;
    String completedTag;

    PortalState(StatementHandle query, BoundStatement statement, Object[] parameters,
                org.larchdb.engine.catalog.CatalogSnapshot snapshot) {
        this.query = query;
        this.statement = statement;
        this.snapshot = snapshot;
        this.parameters = parameters.clone();
    }

    @Override
    public PreparedQuery query() {
        return query;
    }

    @Override
    public List<ResultColumn> resultColumns() {
        return statement.resultColumns();
    }

    /** The statement's SQL text (for lock reports and error messages). */
    String sqlText() {
        return query.sql();
    }

    org.larchdb.engine.catalog.CatalogSnapshot snapshot() {
        return snapshot;
    }

    StatementHandle handle() {
        return query;
    }

    /** The statement analyzed again (the catalog changed while it waited for its locks). */
    void replaceStatement(BoundStatement again, org.larchdb.engine.catalog.CatalogSnapshot at) {
        this.statement = again;
        this.snapshot = at;
    }

    BoundStatement statement() {
        return statement;
    }

    Object parameter(int index) {
        return parameters[index];
    }

    int parameterCount() {
        return parameters.length;
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}
