package org.larchdb.engine.config;

import java.util.List;

/**
 * One configuration parameter: its PostgreSQL name, kind, unit (for integers: "kB", "8kB", "ms", "s"),
 * default as written in postgresql.conf, when it may change, whether a change is reported to the
 * client with ParameterStatus (GUC_REPORT), and for enums the allowed values.
 */
public record SettingDefinition(String name, Kind kind, String unit, String defaultValue,
                                SettingContext context, boolean reported, String description,
                                List<String> enumValues) {

    public enum Kind { BOOL, INTEGER, REAL, STRING, ENUM }

    public SettingDefinition {
        enumValues = List.copyOf(enumValues);
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
