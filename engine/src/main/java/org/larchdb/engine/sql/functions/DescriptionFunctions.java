package org.larchdb.engine.sql.functions;

import java.util.List;
import org.larchdb.engine.types.DataType;

/**
 * obj_description, col_description and shobj_description: comments stored by COMMENT ON in
 * pg_description, read through the session's catalog ({@link org.larchdb.engine.expr.EvalContext#description}).
 */
final class DescriptionFunctions {
    private DescriptionFunctions() {
    }

    static void register(List<FunctionSignature> out) {
        out.add(FunctionSignature.of("obj_description", DataType.TEXT, true,
                (a, c) -> c.description((Long) a[0], (String) a[1], 0), DataType.OID, DataType.NAME));
        // The one-argument form is deprecated in PostgreSQL: any catalog, sub-object 0.
        out.add(FunctionSignature.of("obj_description", DataType.TEXT, true,
                (a, c) -> c.description((Long) a[0], null, 0), DataType.OID));
        out.add(FunctionSignature.of("col_description", DataType.TEXT, true,
                (a, c) -> c.description((Long) a[0], "pg_class", (Integer) a[1]), DataType.OID, DataType.INT4));
        // Shared objects (databases, roles) cannot be commented on yet: there is never a comment.
        out.add(FunctionSignature.of("shobj_description", DataType.TEXT, true, (a, c) -> null, DataType.OID,
                DataType.NAME));
    }
}
