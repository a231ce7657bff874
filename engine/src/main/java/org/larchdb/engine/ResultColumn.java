package org.larchdb.engine;

import org.larchdb.engine.types.DataType;

/**
 * One column of a result: its name, type, and where it comes from (table OID and attribute
 * number, 0 when it is not a plain table column), as RowDescription reports them.
 */
public record ResultColumn(String name, DataType type, long tableOid, int columnNumber) {

    public static ResultColumn computed(String name, DataType type) {
        return new ResultColumn(name, type, 0, 0);
    }
}
