package org.larchdb.engine.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * Values of configuration parameters. The server holds one instance built from defaults and the
 * config file; each session holds a copy ({@link #copy()}) that SET and RESET change. Values are
 * stored normalised as SHOW prints them ("on", "128MB", "1s").
 */
public final class Settings {
    private static final Map<String, SettingDefinition> DEFINITIONS = new LinkedHashMap<>();

    static {
        for (SettingDefinition d : SettingCatalog.definitions()) {
            DEFINITIONS.put(d.name().toLowerCase(Locale.ROOT), d);
        }
    }

    private final Map<String, String> values;
    private final Map<String, String> bootValues;

    private Settings(Map<String, String> values, Map<String, String> bootValues) {
        this.values = values;
        this.bootValues = bootValues;
    }

    /** Every parameter at its built-in default. */
    public static Settings defaults() {
        Map<String, String> v = new LinkedHashMap<>();
        for (SettingDefinition d : DEFINITIONS.values()) {
            v.put(d.name().toLowerCase(Locale.ROOT), normalize(d, d.defaultValue()));
        }
        return new Settings(v, new LinkedHashMap<>(v));
    }

    /** A session's own copy: SET changes it, RESET returns to this server's values. */
    public Settings copy() {
        return new Settings(new LinkedHashMap<>(values), new LinkedHashMap<>(values));
    }

    /** Makes the current values the ones RESET returns to (after a client's startup parameters are applied). */
    public void markResetValues() {
        bootValues.clear();
        bootValues.putAll(values);
    }

    public static Collection<SettingDefinition> definitions() {
        return DEFINITIONS.values();
    }

    /** The definition of a parameter, or 42704 {@code unrecognized configuration parameter "x"}. */
    public static SettingDefinition definition(String name) {
        SettingDefinition d = DEFINITIONS.get(name.toLowerCase(Locale.ROOT));
        if (d == null) {
            throw new DbException(SqlState.UNDEFINED_OBJECT,
                    "unrecognized configuration parameter \"" + name.toLowerCase(Locale.ROOT) + "\"");
        }
        return d;
    }

    public static boolean exists(String name) {
        return DEFINITIONS.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The value as SHOW prints it. */
    public String get(String name) {
        return values.get(definition(name).name().toLowerCase(Locale.ROOT));
    }

    /** Sets a value after validating it (22023 / 42704 on bad input); returns the normalised value. */
    public String set(String name, String value) {
        SettingDefinition d = definition(name);
        String normalized = normalize(d, value);
        values.put(d.name().toLowerCase(Locale.ROOT), normalized);
        return normalized;
    }

    /** Returns a parameter to its value at session start (RESET). */
    public String reset(String name) {
        SettingDefinition d = definition(name);
        String key = d.name().toLowerCase(Locale.ROOT);
        values.put(key, bootValues.get(key));
        return bootValues.get(key);
    }

    /** The value at session start (pg_settings.reset_val). */
    public String resetValue(String name) {
        return bootValues.get(definition(name).name().toLowerCase(Locale.ROOT));
    }

    public boolean getBool(String name) {
        return "on".equals(get(name));
    }

    /** An integer setting in its base unit (kB for memory, 8kB blocks for shared_buffers, ms for time). */
    public long getLong(String name) {
        SettingDefinition d = definition(name);
        return parseInteger(d, get(name));
    }

    public int getInt(String name) {
        return (int) getLong(name);
    }

    /** All values, in definition order (for pg_settings and SHOW ALL). */
    public List<Map.Entry<SettingDefinition, String>> all() {
        return DEFINITIONS.values().stream()
                .map(d -> Map.entry(d, values.get(d.name().toLowerCase(Locale.ROOT))))
                .toList();
    }

    // ---- parsing and normalising values, as PostgreSQL's GUC machinery does

    static String normalize(SettingDefinition d, String raw) {
        String value = raw == null ? "" : raw.trim();
        return switch (d.kind()) {
            case BOOL -> parseBool(d, value) ? "on" : "off";
            case INTEGER -> {
                long v = parseInteger(d, value);
                if (v < d.min() || v > d.max()) {
                    throw new DbException(SqlState.INVALID_PARAMETER_VALUE, v + (d.unit() == null ? "" : " " + d.unit())
                            + " is outside the valid range for parameter \"" + d.name() + "\" (" + d.min() + " .. "
                            + d.max() + ")");
                }
                yield formatInteger(d, v);
            }
            case REAL -> {
                try {
                    yield Double.toString(Double.parseDouble(value)).replaceAll("\\.0$", "");
                } catch (NumberFormatException e) {
                    throw invalidValue(d, raw);
                }
            }
            case ENUM -> {
                for (String allowed : d.enumValues()) {
                    if (allowed.equalsIgnoreCase(value)) {
                        yield allowed;
                    }
                }
                throw invalidValue(d, raw).withHint("Available values: " + String.join(", ", d.enumValues()) + ".");
            }
            case STRING -> "DateStyle".equals(d.name()) ? normalizeDateStyle(value) : value;
        };
    }

    private static boolean parseBool(SettingDefinition d, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return switch (v) {
            case "on", "true", "yes", "1", "t", "y" -> true;
            case "off", "false", "no", "0", "f", "n" -> false;
            default -> throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                    "parameter \"" + d.name() + "\" requires a Boolean value");
        };
    }

    private static final String[] MEMORY_UNITS = {"kB", "MB", "GB", "TB"};

    /** Parses an integer with an optional unit into the setting's base unit. */
    static long parseInteger(SettingDefinition d, String value) {
        String v = value.trim();
        int i = 0;
        if (i < v.length() && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
            i++;
        }
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            i++;
        }
        if (i == 0 || (i == 1 && !Character.isDigit(v.charAt(0)))) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"" + d.name() + "\": \"" + value + "\"");
        }
        long number;
        try {
            number = Long.parseLong(v.substring(0, i));
        } catch (NumberFormatException e) {
            throw invalidValue(d, value);
        }
        String unit = v.substring(i).trim();
        if (unit.isEmpty()) {
            return number;
        }
        long factor = unitFactor(d, unit);
        if (factor <= 0) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"" + d.name() + "\": \"" + value + "\"")
                    .withHint(d.unit() != null && isTimeUnit(d.unit())
                            ? "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\"."
                            : "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".");
        }
        return number * factor;
    }

    /** How many base units one {@code unit} is, or -1 when the unit does not apply. */
    private static long unitFactor(SettingDefinition d, String unit) {
        String base = d.unit();
        if (base == null) {
            return -1;
        }
        if (isTimeUnit(base)) {
            long ms = switch (unit) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "min" -> 60_000;
                case "h" -> 3_600_000;
                case "d" -> 86_400_000;
                default -> -1;
            };
            if (ms < 0) {
                return -1;
            }
            return "s".equals(base) ? Math.max(1, ms / 1000) : ms;
        }
        long kb = switch (unit) {
            case "kB" -> 1;
            case "MB" -> 1024;
            case "GB" -> 1024 * 1024;
            case "TB" -> 1024L * 1024 * 1024;
            default -> -1;
        };
        if (kb < 0) {
            return -1;
        }
        return "8kB".equals(base) ? Math.max(1, kb / 8) : "MB".equals(base) ? Math.max(1, kb / 1024) : kb;
    }

    private static boolean isTimeUnit(String unit) {
        return "ms".equals(unit) || "s".equals(unit) || "min".equals(unit);
    }

    /** Formats in the largest unit that divides the value exactly, as SHOW does. */
    static String formatInteger(SettingDefinition d, long value) {
        String base = d.unit();
        if (base == null || value == 0 || value < 0) {
            return Long.toString(value);
        }
        if (isTimeUnit(base)) {
            long ms = "s".equals(base) ? value * 1000 : value;
            if (ms % 86_400_000 == 0) {
                return ms / 86_400_000 + "d";
            }
            if (ms % 3_600_000 == 0) {
                return ms / 3_600_000 + "h";
            }
            if (ms % 60_000 == 0) {
                return ms / 60_000 + "min";
            }
            if (ms % 1000 == 0) {
                return ms / 1000 + "s";
            }
            return ms + "ms";
        }
        long kb = "8kB".equals(base) ? value * 8 : "MB".equals(base) ? value * 1024 : value;
        int u = 0;
        while (u < MEMORY_UNITS.length - 1 && kb % 1024 == 0) {
            kb /= 1024;
            u++;
        }
        return kb + MEMORY_UNITS[u];
    }

    private static String normalizeDateStyle(String value) {
        String output = "ISO";
        String order = "MDY";
        for (String part : value.split(",")) {
            String p = part.trim().toUpperCase(Locale.ROOT);
            switch (p) {
                case "ISO", "SQL", "POSTGRES", "GERMAN" -> output = p.equals("POSTGRES") ? "Postgres"
                        : p.equals("GERMAN") ? "German" : p;
                case "MDY", "DMY", "YMD" -> order = p;
                case "US", "NONEURO", "NONEUROPEAN" -> order = "MDY";
                case "EURO", "EUROPEAN" -> order = "DMY";
                case "" -> { }
                default -> throw new DbException(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for parameter \"DateStyle\": \"" + value + "\"")
                        .withDetail("Unrecognized key word: \"" + part.trim() + "\".");
            }
        }
        if (!"ISO".equals(output)) {
            throw DbException.notSupported("DateStyle output format " + output);
        }
        return output + ", " + order;
    }

    private static DbException invalidValue(SettingDefinition d, String raw) {
        return new DbException(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + d.name() + "\": \"" + raw + "\"");
    }
}
