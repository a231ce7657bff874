package org.larchdb.engine.config;

import java.util.List;

/**
 * One configuration parameter: its PostgreSQL name, kind, unit (for integers: "kB", "8kB", "MB", "ms", "s"),
 * default as written in postgresql.conf, when it may change, whether a change is reported to the
 * client with ParameterStatus (GUC_REPORT), for enums the allowed values, and for integers the
 * allowed range in the base unit.
 */
public record SettingDefinition(String name, Kind kind, String unit, String defaultValue,
                                SettingContext context, boolean reported, String description,
                                List<String> enumValues, long min, long max) {

    public enum Kind { BOOL, INTEGER, REAL, STRING, ENUM }

    public SettingDefinition {
        enumValues = List.copyOf(enumValues);
    }

    /** The same definition with an integer range. */
    public SettingDefinition withRange(long minimum, long maximum) {
        return new SettingDefinition(name, kind, unit, defaultValue, context, reported, description, enumValues,
                minimum, maximum);
    }

    /** pg_settings.vartype. */
    public String vartype() {
        return switch (kind) {
            case BOOL -> "bool";
            case INTEGER -> "integer";
            case REAL -> "real";
            case STRING -> "string";
            case ENUM -> "enum";
        };
    }
}
