package org.larchdb.engine.exec;

import org.larchdb.engine.plan.ProjectSetNode;

/** Runs a {@link ProjectSetNode}: steps the calls of each input row together, padding ended ones with NULL. */
public final class ProjectSetExec implements RowSource {
    private final ProjectSetNode node;
    private final RowSource input;
    private final ExecContext ctx;
    private Object[] row;
    private SetFunctionValues[] running;
    private boolean[] ended;

    public ProjectSetExec(ProjectSetNode node, RowSource input, ExecContext ctx) {
        this.node = node;
        this.input = input;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        int n = node.calls().size();
        while (true) {
            if (row == null) {
                row = input.next();
                if (row == null) {
                    return null;
                }
                running = new SetFunctionValues[n];
                ended = new boolean[n];
                for (int i = 0; i < n; i++) {
                    running[i] = SetFunctionValues.open(node.calls().get(i), row, ctx);
                }
            }
            Object[] out = new Object[row.length + n];
            System.arraycopy(row, 0, out, 0, row.length);
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (!ended[i] && running[i].advance()) {
                    out[row.length + i] = running[i].current();
                    any = true;
                } else {
                    ended[i] = true;
                }
            }
            if (any) {
                return out;
            }
            row = null;
        }
    }

    @Override
    public void close() {
        input.close();
    }
}
