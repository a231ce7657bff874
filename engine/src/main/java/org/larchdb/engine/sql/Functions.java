package org.larchdb.engine.sql;

import java.time.LocalDate;
import java.util.List;
import java.util.ArrayList;
import org.larchdb.engine.expr.ScalarFunction;
import org.larchdb.engine.sql.functions.FunctionRegistry;
import org.larchdb.engine.sql.functions.FunctionSignature;
import org.larchdb.engine.types.DataType;

/**
 * The built-in scalar functions the analyzer resolves by name and argument count. Each entry
 * fixes its argument and result types; arguments are coerced to them like any call.
 */
final class Functions {
    private Functions() {
    }

    /** PostgreSQL's version() text; clients parse the "PostgreSQL 15.0" prefix. */
    static final String VERSION = "PostgreSQL 15.0 (LarchDB 0.1.0) on x86_64-pc-linux-gnu, compiled by javac 21, 64-bit";

    record Signature(String name, List<DataType> argTypes, DataType result, ScalarFunction function) {
    }

    private static final List<Signature> ALL = List.of(
            sig("version", List.of(), DataType.TEXT, false, (a, c) -> VERSION),
            sig("current_user", List.of(), DataType.NAME, false, (a, c) -> c.currentUser()),
            sig("current_role", List.of(), DataType.NAME, false, (a, c) -> c.currentUser()),
            sig("user", List.of(), DataType.NAME, false, (a, c) -> c.currentUser()),
            sig("session_user", List.of(), DataType.NAME, false, (a, c) -> c.sessionUser()),
            sig("current_database", List.of(), DataType.NAME, false, (a, c) -> c.currentDatabase()),
            sig("current_catalog", List.of(), DataType.NAME, false, (a, c) -> c.currentDatabase()),
            sig("current_schema", List.of(), DataType.NAME, false, (a, c) -> c.currentSchema()),
            sig("current_setting", List.of(DataType.TEXT), DataType.TEXT, true, (a, c) -> c.setting((String) a[0])),
            sig("pg_backend_pid", List.of(), DataType.INT4, false, (a, c) -> c.backendPid()),
            sig("pg_cancel_backend", List.of(DataType.INT4), DataType.BOOL, true,
                    (a, c) -> c.signalBackend((Integer) a[0], false, 0)),
            sig("pg_terminate_backend", List.of(DataType.INT4), DataType.BOOL, true,
                    (a, c) -> c.signalBackend((Integer) a[0], true, 0)),
            sig("pg_terminate_backend", List.of(DataType.INT4, DataType.INT8), DataType.BOOL, true,
                    (a, c) -> c.signalBackend((Integer) a[0], true, (Long) a[1])),
            sig("larch_check_index", List.of(DataType.TEXT), DataType.BOOL, true,
                    (a, c) -> c.checkIndex((String) a[0])),
            sig("nextval", List.of(DataType.TEXT), DataType.INT8, true,
                    (a, c) -> c.sequences().nextval((String) a[0])),
            sig("currval", List.of(DataType.TEXT), DataType.INT8, true,
                    (a, c) -> c.sequences().currval((String) a[0])),
            sig("lastval", List.of(), DataType.INT8, false, (a, c) -> c.sequences().lastval()),
            sig("setval", List.of(DataType.TEXT, DataType.INT8), DataType.INT8, true,
                    (a, c) -> c.sequences().setval((String) a[0], (Long) a[1], true)),
            sig("setval", List.of(DataType.TEXT, DataType.INT8, DataType.BOOL), DataType.INT8, true,
                    (a, c) -> c.sequences().setval((String) a[0], (Long) a[1], (Boolean) a[2])),
            sig("pg_get_serial_sequence", List.of(DataType.TEXT, DataType.TEXT), DataType.TEXT, true,
                    (a, c) -> c.sequences().serialSequence((String) a[0], (String) a[1])),
            sig("now", List.of(), DataType.TIMESTAMPTZ, false, (a, c) -> c.transactionStart()),
            sig("current_timestamp", List.of(), DataType.TIMESTAMPTZ, false, (a, c) -> c.transactionStart()),
            sig("transaction_timestamp", List.of(), DataType.TIMESTAMPTZ, false, (a, c) -> c.transactionStart()),
            sig("current_date", List.of(), DataType.DATE, false,
                    (a, c) -> LocalDate.ofInstant(c.transactionStart(), c.timeZone())),
            sig("localtimestamp", List.of(), DataType.TIMESTAMP, false,
                    (a, c) -> java.time.LocalDateTime.ofInstant(c.transactionStart(), c.timeZone())),
            sig("current_time", List.of(), DataType.TIMETZ, false,
                    (a, c) -> java.time.OffsetTime.ofInstant(c.transactionStart(), c.timeZone())),
            sig("localtime", List.of(), DataType.TIME, false,
                    (a, c) -> java.time.LocalTime.ofInstant(c.transactionStart(), c.timeZone())));

    private static Signature sig(String name, List<DataType> args, DataType result, boolean strict,
                                 ScalarFunction.Impl impl) {
        return new Signature(name, args, result, new ScalarFunction(name, strict, impl));
    }

    /** Every overload of that name: the session functions here, then the built-in families. */
    static List<FunctionSignature> lookup(String name) {
        List<FunctionSignature> out = new ArrayList<>();
        for (Signature s : ALL) {
            if (s.name().equals(name)) {
                out.add(new FunctionSignature(s.name(), s.argTypes(), s.result(), false, s.function()));
            }
        }
        out.addAll(FunctionRegistry.named(name));
        return out;
    }

    /** SQL-standard keywords that call a function without parentheses. */
    static boolean isParameterlessKeyword(String name) {
        return switch (name) {
            case "current_user", "current_role", "session_user", "user", "current_catalog", "current_schema",
                 "current_timestamp", "current_date", "localtimestamp", "current_time", "localtime" -> true;
            default -> false;
        };
    }
}
