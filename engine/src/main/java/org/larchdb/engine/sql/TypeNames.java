package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/** Resolves type names as written in SQL ("character varying(10)", "int8", "timestamptz") to types. */
public final class TypeNames {
    private TypeNames() {
    }

    /**
     * Resolves a type name. {@code name} may carry its modifiers ("varchar (3)"); {@code args} are
     * modifiers given separately (may be null).
     */
    public static DataType resolve(String name, List<String> args) {
        String text = name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        List<Integer> mods = new ArrayList<>();
        int paren = text.indexOf('(');
        if (paren >= 0) {
            int close = text.indexOf(')', paren);
            String inner = text.substring(paren + 1, close < 0 ? text.length() : close);
            String rest = close < 0 ? "" : text.substring(close + 1).trim();
            for (String m : inner.split(",")) {
                mods.add(parseModifier(m, name));
            }
            text = (text.substring(0, paren).trim() + (rest.isEmpty() ? "" : " " + rest)).trim();
        }
        if (args != null) {
            for (String a : args) {
                mods.add(parseModifier(a, name));
            }
        }
        if (text.endsWith("[]")) {
            return arrayOf(resolve(text.substring(0, text.indexOf('[')).trim(), args), text);
        }
        if (text.startsWith("_")) {
            PgType array = arrayByName(text);
            if (array != null) {
                return DataType.of(array);
            }
        }
        if (text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.startsWith("pg_catalog.")) {
            text = text.substring("pg_catalog.".length());
        }
        PgType base = switch (text) {
            case "bool", "boolean" -> PgType.BOOL;
            case "int2", "smallint" -> PgType.INT2;
            case "int", "int4", "integer" -> PgType.INT4;
            case "int8", "bigint" -> PgType.INT8;
            case "real", "float4" -> PgType.FLOAT4;
            case "float8", "double precision" -> PgType.FLOAT8;
            case "float" -> mods.isEmpty() || mods.get(0) > 24 ? PgType.FLOAT8 : PgType.FLOAT4;
            case "numeric", "decimal", "dec" -> PgType.NUMERIC;
            case "text" -> PgType.TEXT;
            case "varchar", "character varying", "char varying" -> PgType.VARCHAR;
            case "char", "character", "bpchar" -> PgType.BPCHAR;
            case "bytea" -> PgType.BYTEA;
            case "date" -> PgType.DATE;
            case "timestamp", "timestamp without time zone" -> PgType.TIMESTAMP;
            case "timestamptz", "timestamp with time zone" -> PgType.TIMESTAMPTZ;
            case "uuid" -> PgType.UUID;
            case "oid" -> PgType.OID;
            case "name" -> PgType.NAME;
            case "\"char\"" -> PgType.CHAR;
            case "unknown" -> PgType.UNKNOWN;
            case "serial", "bigserial", "smallserial" -> throw DbException.notSupported("type " + text);
            case "time", "time without time zone" -> PgType.TIME;
            case "timetz", "time with time zone" -> PgType.TIMETZ;
            case "interval" -> PgType.INTERVAL;
            case "json" -> PgType.JSON;
            case "jsonb" -> PgType.JSONB;
            case "money", "inet", "cidr", "xml", "bit", "varbit", "bit varying", "point" ->
                    throw DbException.notSupported("type " + text);
            default -> throw new DbException(SqlState.UNDEFINED_OBJECT, "type \"" + text + "\" does not exist");
        };
        if (text.equals("float")) {
            if (!mods.isEmpty() && (mods.get(0) < 1 || mods.get(0) > 53)) {
                throw new DbException(SqlState.INVALID_PARAMETER_VALUE, mods.get(0) < 1
                        ? "precision for type float must be at least 1 bit"
                        : "precision for type float must be less than 54 bits");
            }
            return DataType.of(base);
        }
        return switch (base) {
            case VARCHAR -> {
                if (mods.isEmpty()) {
                    yield DataType.VARCHAR;
                }
                checkLength(mods, "varchar");
                yield DataType.varchar(mods.get(0));
            }
            case BPCHAR -> {
                if (mods.isEmpty()) {
                    yield text.equals("bpchar") ? DataType.BPCHAR : DataType.bpchar(1);
                }
                checkLength(mods, "char");
                yield DataType.bpchar(mods.get(0));
            }
            case NUMERIC -> {
                if (mods.isEmpty()) {
                    yield DataType.NUMERIC;
                }
                int precision = mods.get(0);
                int scale = mods.size() > 1 ? mods.get(1) : 0;
                if (mods.size() > 2) {
                    throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "invalid NUMERIC type modifier");
                }
                if (precision < 1 || precision > 1000) {
                    throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                            "NUMERIC precision " + precision + " must be between 1 and 1000");
                }
                if (scale < -1000 || scale > 1000) {
                    throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                            "NUMERIC scale " + scale + " must be between -1000 and 1000");
                }
                yield DataType.numeric(precision, scale);
            }
            case TIME, TIMETZ -> {
                if (mods.isEmpty()) {
                    yield DataType.of(base);
                }
                if (mods.size() != 1) {
                    throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "invalid type modifier");
                }
                int p = mods.get(0);
                if (p < 0) {
                    throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "TIME(" + p + ")"
                            + (base == PgType.TIMETZ ? " WITH TIME ZONE" : "") + " precision must not be negative");
                }
                // PostgreSQL warns and reduces a precision above 6 to 6
                yield DataType.time(base, Math.min(p, 6));
            }
            case TIMESTAMP, TIMESTAMPTZ, INTERVAL -> {
                if (!mods.isEmpty()) {
                    throw DbException.notSupported(base.typname() + " precision");
                }
                yield DataType.of(base);
            }
            default -> {
                if (!mods.isEmpty()) {
                    throw new DbException(SqlState.SYNTAX_ERROR, "type modifier is not allowed for type \""
                            + base.typname() + "\"");
                }
                yield DataType.of(base);
            }
        };
    }

    /** The array type over {@code element}; 0A000 when LarchDB has no array of that type. */
    public static DataType arrayOf(DataType element, String written) {
        PgType array = element.type().arrayType();
        if (array == null) {
            throw DbException.notSupported("arrays of type " + element.type().sqlName());
        }
        return new DataType(array, element.typmod());
    }

    private static PgType arrayByName(String typname) {
        for (PgType t : PgType.values()) {
            if (t.isArray() && t.typname().equals(typname)) {
                return t;
            }
        }
        return null;
    }

    private static void checkLength(List<Integer> mods, String typeName) {
        if (mods.size() != 1) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "invalid type modifier");
        }
        int n = mods.get(0);
        if (n < 1) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "length for type " + typeName + " must be at least 1");
        }
        if (n > 10485760) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                    "length for type " + typeName + " cannot exceed 10485760");
        }
    }

    private static int parseModifier(String text, String typeName) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new DbException(SqlState.SYNTAX_ERROR, "type modifiers must be simple constants or identifiers");
        }
    }
}
