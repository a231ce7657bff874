package org.larchdb.engine.sql;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.SequenceInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.sequence.SequenceDefinition;
import org.larchdb.engine.types.DataType;

/**
 * CREATE TABLE's serial and identity columns: each becomes an integer column whose DEFAULT is
 * {@code nextval('<table>_<column>_seq')}, NOT NULL, plus a sequence owned by the column, as
 * PostgreSQL's transformColumnDefinition does.
 */
final class SerialColumns {
    private SerialColumns() {
    }

    /**
     * The column definition to analyze instead of {@code def}; adds the sequence to create to
     * {@code sequences} when the column needs one.
     */
    static UtilityStatement.ColumnDefinition rewrite(UtilityStatement.ColumnDefinition def, String table, int attnum,
                                                    Supplier<String> chooseName, String schema,
                                                    List<OwnedSequence> sequences) {
        String type = def.typeName().toLowerCase(Locale.ROOT);
        String serialType = switch (type) {
            case "smallserial", "serial2" -> "smallint";
            case "serial", "serial4" -> "integer";
            case "bigserial", "serial8" -> "bigint";
            default -> null;
        };
        boolean identity = def.identity() != ColumnInfo.NO_IDENTITY;
        if (serialType == null && !identity) {
            return def;
        }
        if (def.defaultExpr() != null) {
            String column = def.name();
            throw new DbException(SqlState.SYNTAX_ERROR, (identity && serialType == null
                    ? "both default and identity specified for column \"" : "multiple default values specified for "
                    + "column \"") + column + "\" of table \"" + table + "\"");
        }
        if (serialType != null && identity) {
            throw new DbException(SqlState.SYNTAX_ERROR, "both default and identity specified for column \""
                    + def.name() + "\" of table \"" + table + "\"");
        }
        DataType columnType = serialType != null ? TypeNames.resolve(serialType, null)
                : TypeNames.resolve(def.typeName(), null);
        if (identity) {
            switch (columnType.type()) {
                case INT2, INT4, INT8 -> {
                }
                default -> throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                        "identity column type must be smallint, integer, or bigint");
            }
        }
        SequenceOptions options = identity ? def.identityOptions() : SequenceOptions.NONE;
        if (options.ownedBy() != null) {
            throw new DbException(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
        }
        SequenceInfo parameters = SequenceDefinition.define(options, null, new DataType(columnType.type(), -1));
        String name = chooseName.get();
        sequences.add(new OwnedSequence(name, attnum, identity ? SequenceInfo.DEPENDENCY_INTERNAL
                : SequenceInfo.DEPENDENCY_AUTO, parameters));
        String qualified = schema.equals("public") ? name : schema + "." + name;
        String nextval = "nextval('" + qualified.replace("'", "''") + "')";
        return new UtilityStatement.ColumnDefinition(def.name(), serialType != null ? serialType : def.typeName(),
                true, nextval, def.identity(),
                def.identityOptions());
    }
}
