package org.larchdb.engine.plan;

import java.util.List;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.DataType;

/** A call of a set-returning function: its arguments, already cast to the overload's parameter types. */
public record SetFunctionCall(SetFunction function, List<Expr> args) {

    public SetFunctionCall {
        args = List.copyOf(args);
    }

    public DataType type() {
        return function.resultType();
    }
}
