package org.larchdb.engine.expr;

import java.util.List;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.Operator;

/**
 * A bound expression: names resolved to row positions, types known, operators chosen and operand
 * casts made explicit. Immutable, so plans holding expressions can be cached and shared.
 */
public sealed interface Expr {

    DataType type();

    /** A literal or folded constant. */
    record Const(Object value, DataType type) implements Expr {
    }

    /** The value at {@code index} of the input row. */
    record ColumnRef(int index, DataType type, String name) implements Expr {
    }

    /** Parameter $(index+1); its type is fixed once the statement is prepared. */
    record ParamRef(int index, DataType type) implements Expr {
    }

    /** A strict binary operator over operands already cast to the operator's input types. */
    record OpCall(Operator operator, Expr left, Expr right) implements Expr {
        @Override
        public DataType type() {
            return operator.result();
        }
    }

    /** A strict prefix operator (unary minus). */
    record PrefixCall(Operator operator, Expr operand) implements Expr {
        @Override
        public DataType type() {
            return operator.result();
        }
    }

    record And(List<Expr> args) implements Expr {
        @Override
        public DataType type() {
            return DataType.BOOL;
        }
    }

    record Or(List<Expr> args) implements Expr {
        @Override
        public DataType type() {
            return DataType.BOOL;
        }
    }

    record Not(Expr arg) implements Expr {
        @Override
        public DataType type() {
            return DataType.BOOL;
        }
    }

    /** {@code arg IS [NOT] NULL}. */
    record IsNull(Expr arg, boolean negated) implements Expr {
        @Override
        public DataType type() {
            return DataType.BOOL;
        }
    }

    /** A type conversion (explicit, or inserted by the analyzer for implicit and assignment casts). */
    record Cast(Expr arg, DataType type, Casts.Context context) implements Expr {
    }

    /** A call of a scalar function. */
    record FuncCall(ScalarFunction function, List<Expr> args, DataType type) implements Expr {
    }

    /** {@code CASE WHEN c1 THEN r1 ... ELSE e END} (the simple form is rewritten to this one). */
    record Case(List<Expr> conditions, List<Expr> results, Expr elseResult, DataType type) implements Expr {
    }

    /**
     * A column of an enclosing query's current row, in a correlated subquery: {@code levelsUp} 1 is
     * the query directly around the subquery, 2 the one around that, and so on.
     */
    record OuterRef(int levelsUp, int index, DataType type, String name) implements Expr {
    }

    /**
     * A subquery used as an expression (PostgreSQL's SubLink), run again for every evaluation.
     * For ANY/ALL, {@code test} is evaluated over the outer row and {@code comparison} over the pair
     * (test value, subquery column value); both are null for EXISTS and scalar subqueries.
     */
    record SubLink(SubLinkKind kind, Subquery subquery, Expr test, Expr comparison, DataType type) implements Expr {
    }
}
