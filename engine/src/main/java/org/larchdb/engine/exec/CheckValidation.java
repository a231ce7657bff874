package org.larchdb.engine.exec;

import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Evaluator;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.HeapScan;
import org.larchdb.engine.types.TupleCodec;

/** Checks a new CHECK constraint against a table's existing rows (ALTER TABLE ... ADD CHECK). */
public final class CheckValidation {
    private CheckValidation() {
    }

    /** Throws 23514 as PostgreSQL does when some row makes {@code predicate} false (NULL passes). */
    public static void validate(RelationInfo table, String constraintName, Expr predicate, ExecContext ctx) {
        HeapFile heap = ctx.heap(table);
        TupleCodec codec = new TupleCodec(table.columnTypes());
        try (HeapScan scan = heap.scan()) {
            while (scan.next()) {
                ctx.checkInterrupts();
                if (Boolean.FALSE.equals(Evaluator.eval(predicate, codec.decode(scan.tuple()), ctx))) {
                    throw new DbException(SqlState.CHECK_VIOLATION, "check constraint \"" + constraintName
                            + "\" of relation \"" + table.name() + "\" is violated by some row");
                }
            }
        }
    }
}
