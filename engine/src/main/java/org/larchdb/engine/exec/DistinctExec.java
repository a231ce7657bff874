package org.larchdb.engine.exec;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/** Runs a {@link org.larchdb.engine.plan.DistinctNode} with an in-memory set of the keys seen (NULLs equal). */
public final class DistinctExec implements RowSource {
    private final RowSource input;
    private final PgType[] keyTypes;
    private final Set<GroupKey> seen = new HashSet<>();

    public DistinctExec(RowSource input, List<DataType> keyTypes) {
        this.input = input;
        this.keyTypes = keyTypes.stream().map(DataType::type).toArray(PgType[]::new);
    }

    @Override
    public Object[] next() {
        Object[] row;
        while ((row = input.next()) != null) {
            if (seen.add(new GroupKey(Arrays.copyOf(row, keyTypes.length), keyTypes))) {
                return row;
            }
        }
        return null;
    }

    @Override
    public void close() {
        input.close();
    }
}
