package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * Types of a statement's parameters: those the client declared, and those inferred from the
 * first context that gives a parameter a type (as PostgreSQL's variable parameter analysis does).
 */
final class ParameterTypes {
    private final List<DataType> types = new ArrayList<>();

    ParameterTypes(int[] declaredOids) {
        for (int oid : declaredOids) {
            if (oid == 0) {
                types.add(null);
            } else {
                PgType t = PgType.byOid(oid);
                if (t == null) {
                    throw new DbException(SqlState.UNDEFINED_OBJECT, "type with OID " + oid + " does not exist");
                }
                types.add(t == PgType.UNKNOWN ? null : DataType.of(t));
            }
        }
    }

    /** The type of $(index+1), or null while unknown. */
    DataType get(int index) {
        ensure(index);
        return types.get(index);
    }

    void set(int index, DataType type) {
        ensure(index);
        types.set(index, DataType.of(type.type()));
    }

    private void ensure(int index) {
        while (types.size() <= index) {
            types.add(null);
        }
    }

    /** Final types: parameters no context typed become text, as in PostgreSQL. */
    List<DataType> resolved() {
        return types.stream().map(t -> t == null ? DataType.TEXT : t).toList();
    }
}
