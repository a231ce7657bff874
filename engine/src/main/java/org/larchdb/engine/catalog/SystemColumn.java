package org.larchdb.engine.catalog;

import org.larchdb.engine.types.DataType;

/** A column of a system catalog table. */
public record SystemColumn(String name, DataType type) {
}
