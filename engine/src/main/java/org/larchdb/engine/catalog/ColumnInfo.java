package org.larchdb.engine.catalog;

import org.larchdb.engine.types.DataType;

/**
 * A table column: name, type with modifier, 1-based attribute number, NOT NULL, and the DEFAULT
 * expression as SQL text (null when there is none), re-analyzed when a row needs it.
 */
public record ColumnInfo(String name, DataType type, int attnum, boolean notNull, String defaultExpr) {
}
