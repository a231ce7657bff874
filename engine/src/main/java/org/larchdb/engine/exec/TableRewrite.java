package org.larchdb.engine.exec;

import java.util.function.UnaryOperator;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.sql.CheckConstraints;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.HeapScan;
import org.larchdb.engine.types.TupleCodec;

/**
 * ALTER TABLE's table rewrite (PostgreSQL's ATRewriteTable): every live row of the old file,
 * converted, goes into the table's new, empty file and its new index files through
 * {@link TableWriter}. The caller holds ACCESS EXCLUSIVE on the table, has created the new files
 * in its transaction and pointed the catalog at them; the old files go when it commits, and a
 * rollback drops the new ones, so the old rows are never touched.
 */
public final class TableRewrite {
    private TableRewrite() {
    }

    /**
     * Copies the rows of {@code oldTable} (its file as it was) into {@code newTable}, each converted by
     * {@code convert}; checks NOT NULL and CHECK constraints with ALTER TABLE's messages first.
     */
    public static void rewrite(RelationInfo oldTable, RelationInfo newTable, UnaryOperator<Object[]> convert,
                               ExecContext ctx) {
        HeapFile heap = ctx.heap(oldTable);
        TupleCodec codec = new TupleCodec(oldTable.columnTypes());
        TableWriter writer = new TableWriter(newTable, ctx);
        var checks = CheckConstraints.bound(newTable, ctx.textFormat());
        try (HeapScan scan = heap.scan()) {
            while (scan.next()) {
                ctx.checkInterrupts();
                if (scan.deletePending()) {
                    continue; // deleted earlier in this transaction: gone once it commits
                }
                Object[] row = convert.apply(codec.decode(scan.tuple()));
                validate(newTable, checks, row, ctx);
                try {
                    writer.insert(row);
                } catch (DbException e) {
                    if (e.state() != SqlState.UNIQUE_VIOLATION) {
                        throw e;
                    }
                    String index = e.getMessage().replaceFirst("^.*constraint \"(.*)\"$", "$1");
                    String detail = e.detail() == null ? null : e.detail().replace(" already exists.", " is duplicated.");
                    throw new DbException(SqlState.UNIQUE_VIOLATION, "could not create unique index \"" + index
                            + "\"").withDetail(detail);
                }
            }
        }
    }

    /** SET NOT NULL on an existing column: 23502 as PostgreSQL when some live row holds NULL there. */
    public static void checkNoNulls(RelationInfo table, ColumnInfo column, ExecContext ctx) {
        HeapFile heap = ctx.heap(table);
        TupleCodec codec = new TupleCodec(table.columnTypes());
        try (HeapScan scan = heap.scan()) {
            while (scan.next()) {
                ctx.checkInterrupts();
                if (!scan.deletePending() && codec.decode(scan.tuple())[column.attnum() - 1] == null) {
                    throw nullsFound(table, column);
                }
            }
        }
    }

    private static void validate(RelationInfo table, java.util.List<CheckConstraints.Bound> checks, Object[] row,
                                 ExecContext ctx) {
        for (ColumnInfo c : table.columns()) {
            if (c.notNull() && row[c.attnum() - 1] == null) {
                throw nullsFound(table, c);
            }
        }
        for (CheckConstraints.Bound check : checks) {
            if (Boolean.FALSE.equals(org.larchdb.engine.expr.Evaluator.eval(check.predicate(), row, ctx))) {
                throw new DbException(SqlState.CHECK_VIOLATION, "check constraint \"" + check.constraint().name()
                        + "\" of relation \"" + table.name() + "\" is violated by some row");
            }
        }
    }

    private static DbException nullsFound(RelationInfo table, ColumnInfo column) {
        return new DbException(SqlState.NOT_NULL_VIOLATION, "column \"" + column.name() + "\" of relation \""
                + table.name() + "\" contains null values");
    }
}
