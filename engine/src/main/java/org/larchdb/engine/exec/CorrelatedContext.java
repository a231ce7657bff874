package org.larchdb.engine.exec;

/**
 * The context a subquery runs in: everything from the enclosing query's context, plus the enclosing
 * query's current row for outer references (levels further up are the enclosing context's own).
 */
public final class CorrelatedContext extends ForwardingExecContext {
    private final Object[] outerRow;

    public CorrelatedContext(ExecContext enclosing, Object[] outerRow) {
        super(enclosing);
        this.outerRow = outerRow;
    }

    @Override
    public Object outerValue(int levelsUp, int index) {
        return levelsUp == 1 ? outerRow[index] : enclosing.outerValue(levelsUp - 1, index);
    }
}
