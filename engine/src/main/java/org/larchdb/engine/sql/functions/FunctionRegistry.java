package org.larchdb.engine.sql.functions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All built-in functions by name; families add theirs once, at class initialization. */
public final class FunctionRegistry {
    private FunctionRegistry() {
    }

    private static final Map<String, List<FunctionSignature>> BY_NAME = new HashMap<>();

    static {
        List<FunctionSignature> all = new ArrayList<>();
        StringFunctions.register(all);
        MathFunctions.register(all);
        DateTimeFunctions.register(all);
        IntervalFunctions.register(all);
        DescriptionFunctions.register(all);
        for (FunctionSignature s : all) {
            BY_NAME.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        }
    }

    /** Every overload of that name (empty when none). */
    public static List<FunctionSignature> named(String name) {
        return BY_NAME.getOrDefault(name, List.of());
    }
}
