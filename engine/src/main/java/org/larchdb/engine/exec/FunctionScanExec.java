package org.larchdb.engine.exec;

import org.larchdb.engine.plan.FunctionScanNode;

/** Runs a {@link FunctionScanNode}: the function's values, numbered when WITH ORDINALITY. */
public final class FunctionScanExec implements RowSource {
    private static final Object[] EMPTY = new Object[0];
    private final FunctionScanNode node;
    private final SetFunctionValues values;
    private long ordinal;

    public FunctionScanExec(FunctionScanNode node, ExecContext ctx) {
        this.node = node;
        this.values = SetFunctionValues.open(node.call(), EMPTY, ctx);
    }

    @Override
    public Object[] next() {
        if (!values.advance()) {
            return null;
        }
        ordinal++;
        return node.ordinality() ? new Object[] {values.current(), ordinal} : new Object[] {values.current()};
    }

    @Override
    public void close() {
    }
}
