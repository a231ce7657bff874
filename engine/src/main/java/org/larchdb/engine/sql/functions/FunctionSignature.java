package org.larchdb.engine.sql.functions;

import java.util.List;
import org.larchdb.engine.expr.ScalarFunction;
import org.larchdb.engine.types.DataType;

/**
 * One built-in function: its declared argument types and result type. A {@code variadicAny} function takes any
 * positive number of extra arguments of any type after the declared ones; the binder hands them over as text made by each
 * type's output function (PostgreSQL's concat/format semantics). A null {@code result} marks a function whose
 * result type LarchDB does not have yet (interval): calling it answers 0A000.
 */
public record FunctionSignature(String name, List<DataType> argTypes, DataType result, boolean variadicAny,
                                ScalarFunction function) {

    static FunctionSignature of(String name, DataType result, boolean strict, ScalarFunction.Impl impl,
                                DataType... args) {
        return new FunctionSignature(name, List.of(args), result, false, new ScalarFunction(name, strict, impl));
    }

    static FunctionSignature variadic(String name, DataType result, boolean strict, ScalarFunction.Impl impl,
                                      DataType... args) {
        return new FunctionSignature(name, List.of(args), result, true, new ScalarFunction(name, strict, impl));
    }

    boolean accepts(int argCount) {
        return variadicAny ? argCount > argTypes.size() : argCount == argTypes.size();
    }
}
