package org.larchdb.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.larchdb.engine.types.TypeAssertions.UTC;
import static org.larchdb.engine.types.TypeAssertions.assertError;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorsTest {

    /** Resolves, casts each operand to the operator's argument type as the analyzer does, applies. */
    private static Object eval(Object l, DataType lt, String op, Object r, DataType rt) {
        Operator o = Operators.resolveBinary(op, lt, rt);
        Object a = Casts.cast(l, lt, o.left(), Casts.Context.EXPLICIT, UTC);
        Object b = Casts.cast(r, rt, o.right(), Casts.Context.EXPLICIT, UTC);
        return o.apply(a, b);
    }

    private static String evalText(Object l, DataType lt, String op, Object r, DataType rt) {
        Operator o = Operators.resolveBinary(op, lt, rt);
        return TextCodec.format(eval(l, lt, op, r, rt), o.result(), UTC);
    }

    @Test
    void integerArithmetic() {
        assertEquals(DataType.INT4, Operators.resolveBinary("+", DataType.INT2, DataType.INT4).result());
        assertEquals(DataType.INT8, Operators.resolveBinary("-", DataType.INT2, DataType.INT8).result());
        assertEquals(DataType.INT2, Operators.resolveBinary("*", DataType.INT2, DataType.INT2).result());
        assertEquals(DataType.INT4, Operators.resolveBinary("%", DataType.INT2, DataType.INT4).left());
        assertEquals(2147483648L, eval(2147483647, DataType.INT4, "+", 1L, DataType.INT8));
        assertEquals(-3, eval(7, DataType.INT4, "/", -2, DataType.INT4));
        assertEquals(-1, eval(-7, DataType.INT4, "%", 2, DataType.INT4));
        assertEquals((short) 2, eval((short) 10, DataType.INT2, "/", (short) 4, DataType.INT2));
        assertEquals(0, eval(Integer.MIN_VALUE, DataType.INT4, "%", -1, DataType.INT4));
        assertError("22003", "integer out of range", () -> eval(2147483647, DataType.INT4, "+", 1, DataType.INT4));
        assertError("22003", "integer out of range", () -> eval(Integer.MIN_VALUE, DataType.INT4, "/", -1, DataType.INT4));
        assertError("22003", "smallint out of range", () -> eval((short) 200, DataType.INT2, "*", (short) 200, DataType.INT2));
        assertError("22003", "bigint out of range", () -> eval(Long.MIN_VALUE, DataType.INT8, "*", -1L, DataType.INT8));
        assertError("22012", "division by zero", () -> eval(1, DataType.INT4, "/", 0, DataType.INT4));
        assertError("22012", "division by zero", () -> eval(5, DataType.INT4, "%", 0, DataType.INT4));
    }

    @Test
    void numericArithmetic() {
        assertEquals("0.33333333333333333333", evalText(1, DataType.INT4, "/", new BigDecimal("3"), DataType.NUMERIC));
        assertEquals("2.5000000000000000", evalText(new BigDecimal("10"), DataType.NUMERIC, "/", 4, DataType.INT4));
        assertEquals("0.66666666666666666667", evalText(2, DataType.INT4, "/", new BigDecimal("3"), DataType.NUMERIC));
        assertEquals("14285.714285714286", evalText(new BigDecimal("100000"), DataType.NUMERIC, "/", 7, DataType.INT4));
        assertEquals("0.14285714285714285714", evalText(new BigDecimal("1.000"), DataType.NUMERIC, "/",
                new BigDecimal("7.0"), DataType.NUMERIC));
        assertEquals("0.00000000000000000000", evalText(new BigDecimal("0"), DataType.NUMERIC, "/", 5, DataType.INT4));
        assertEquals("3.5000000000000000", evalText(new BigDecimal("7.0"), DataType.NUMERIC, "/", 2, DataType.INT4));
        assertEquals("3.0", evalText(2, DataType.INT4, "*", new BigDecimal("1.5"), DataType.NUMERIC));
        assertEquals("1.00", evalText(new BigDecimal("5.5"), DataType.NUMERIC, "%", new BigDecimal("2.25"), DataType.NUMERIC));
        assertEquals("-1.5", evalText(new BigDecimal("-7.5"), DataType.NUMERIC, "%", 2, DataType.INT4));
        assertError("22012", "division by zero", () -> eval(1, DataType.INT4, "/", BigDecimal.ZERO, DataType.NUMERIC));
    }

    @Test
    void floatArithmetic() {
        assertEquals(DataType.FLOAT8, Operators.resolveBinary("+", DataType.INT4, DataType.FLOAT4).result());
        assertEquals(DataType.FLOAT8, Operators.resolveBinary("+", DataType.NUMERIC, DataType.FLOAT8).result());
        assertEquals(DataType.FLOAT4, Operators.resolveBinary("+", DataType.FLOAT4, DataType.FLOAT4).result());
        assertEquals("0.3", evalText(0.1f, DataType.FLOAT4, "+", 0.2f, DataType.FLOAT4));
        assertEquals("0.30000000149011613", evalText(0.1f, DataType.FLOAT4, "+", 0.2, DataType.FLOAT8));
        assertEquals("1.5", evalText(1, DataType.INT4, "+", 0.5f, DataType.FLOAT4));
        assertError("22003", "value out of range: overflow", () -> eval(1e308, DataType.FLOAT8, "*", 10.0, DataType.FLOAT8));
        assertError("22003", "value out of range: overflow", () -> eval(1e300, DataType.FLOAT8, "/", 1e-10, DataType.FLOAT8));
        assertError("22003", "value out of range: underflow", () -> eval(1e-308, DataType.FLOAT8, "*", 1e-308, DataType.FLOAT8));
        assertError("22012", "division by zero", () -> eval(5.0f, DataType.FLOAT4, "/", 0, DataType.INT4));
        assertEquals(Double.NaN, eval(Double.NaN, DataType.FLOAT8, "/", 0.0, DataType.FLOAT8));
        assertEquals(Double.POSITIVE_INFINITY, eval(Double.POSITIVE_INFINITY, DataType.FLOAT8, "+", 1.0, DataType.FLOAT8));
        assertError("42883", "operator does not exist: double precision % integer",
                () -> Operators.resolveBinary("%", DataType.FLOAT8, DataType.INT4));
    }

    @Test
    void unaryMinus() {
        Operator neg = Operators.resolvePrefix("-", DataType.INT4);
        assertNull(neg.left());
        assertEquals(-5, neg.apply(null, 5));
        assertError("22003", "integer out of range", () -> neg.apply(null, Integer.MIN_VALUE));
        assertError("22003", "smallint out of range", () -> Operators.resolvePrefix("-", DataType.INT2).apply(null, Short.MIN_VALUE));
        assertEquals(-0.0, Operators.resolvePrefix("-", DataType.FLOAT8).apply(null, 0.0));
        assertEquals(new BigDecimal("-1.50"), Operators.resolvePrefix("-", DataType.NUMERIC).apply(null, new BigDecimal("1.50")));
        assertEquals(7, Operators.resolvePrefix("+", DataType.INT4).apply(null, 7));
        var ex = assertError("42883", "operator does not exist: - boolean", () -> Operators.resolvePrefix("-", DataType.BOOL));
        assertEquals("No operator matches the given name and argument type. You might need to add an explicit type cast.", ex.hint());
    }

    @Test
    void comparisons() {
        assertEquals(true, eval(1, DataType.INT4, "=", 1L, DataType.INT8));
        assertEquals(DataType.INT4, Operators.resolveBinary("=", DataType.INT4, DataType.INT8).left());
        assertEquals(true, eval(1, DataType.INT4, "<", new BigDecimal("1.5"), DataType.NUMERIC));
        assertEquals(true, eval(1.0, DataType.FLOAT8, "=", 1, DataType.INT4));
        assertEquals(DataType.FLOAT8, Operators.resolveBinary("=", DataType.INT4, DataType.FLOAT8).left());
        assertEquals(true, eval(Double.NaN, DataType.FLOAT8, ">", Double.POSITIVE_INFINITY, DataType.FLOAT8));
        assertEquals(true, eval(-0.0, DataType.FLOAT8, "=", 0.0, DataType.FLOAT8));
        assertEquals(true, eval("abc  ", DataType.bpchar(5), "=", "abc", DataType.TEXT));
        assertEquals(false, eval("abc  ", DataType.bpchar(5), "<", "abc", DataType.bpchar(3)));
        assertEquals(true, eval("B", DataType.TEXT, "<", "a", DataType.UNKNOWN));
        assertEquals(true, eval("abc", DataType.UNKNOWN, "!=", "abd", DataType.UNKNOWN));
        assertEquals(true, eval(LocalDate.of(2024, 1, 1), DataType.DATE, "=",
                java.time.LocalDateTime.of(2024, 1, 1, 0, 0), DataType.TIMESTAMP));
        assertEquals(DataType.TIMESTAMPTZ, Operators.resolveBinary("<", DataType.TIMESTAMP, DataType.TIMESTAMPTZ).right());
        assertEquals(true, eval("2024-01-01", DataType.UNKNOWN, ">=", LocalDate.of(2023, 12, 31), DataType.DATE));
        assertEquals(true, eval(true, DataType.BOOL, ">", false, DataType.BOOL));
        assertError("22P02", "invalid input syntax for type integer: \"a\"", () -> eval("a", DataType.UNKNOWN, "=", 1, DataType.INT4));
        assertError("42883", "operator does not exist: integer = boolean",
                () -> Operators.resolveBinary("=", DataType.INT4, DataType.BOOL));
    }

    @Test
    void concatenation() {
        assertEquals("xtrue", eval("x", DataType.UNKNOWN, "||", true, DataType.BOOL));
        assertEquals("1.5a", eval(new BigDecimal("1.5"), DataType.NUMERIC, "||", "a", DataType.TEXT));
        assertEquals("123a", eval(123, DataType.INT4, "||", "a", DataType.TEXT));
        assertEquals("a1", eval("a", DataType.UNKNOWN, "||", 1, DataType.INT4));
        assertEquals("ab|", eval("ab   ", DataType.bpchar(5), "||", "|", DataType.UNKNOWN));
        assertEquals("\\x0102", TextCodec.format(eval(new byte[] {1}, DataType.BYTEA, "||", new byte[] {2}, DataType.BYTEA),
                DataType.BYTEA, UTC));
        var ex = assertError("42883", "operator does not exist: integer || integer",
                () -> Operators.resolveBinary("||", DataType.INT4, DataType.INT4));
        assertEquals("No operator matches the given name and argument types. You might need to add explicit type casts.",
                ex.hint());
    }

    @Test
    void dateArithmetic() {
        LocalDate d = LocalDate.of(2024, 2, 28);
        assertEquals(LocalDate.of(2024, 2, 29), eval(d, DataType.DATE, "+", 1, DataType.INT4));
        assertEquals(LocalDate.of(2024, 3, 1), eval(2, DataType.INT4, "+", d, DataType.DATE));
        assertEquals(LocalDate.of(2024, 2, 27), eval(d, DataType.DATE, "-", (short) 1, DataType.INT2));
        assertEquals(29, eval(LocalDate.of(2024, 3, 1), DataType.DATE, "-", LocalDate.of(2024, 2, 1), DataType.DATE));
        assertError("22008", "date out of range",
                () -> eval(LocalDate.of(5874897, 12, 31), DataType.DATE, "+", 1, DataType.INT4));
        assertError("42883", "operator does not exist: boolean + integer",
                () -> Operators.resolveBinary("+", DataType.BOOL, DataType.INT4));
        assertError("42883", "operator does not exist: integer + boolean",
                () -> Operators.resolveBinary("+", DataType.INT4, DataType.BOOL));
    }

    @Test
    void commonTypes() {
        assertEquals(DataType.TEXT, Operators.commonType(List.of(DataType.UNKNOWN, DataType.UNKNOWN), "UNION"));
        assertEquals(DataType.NUMERIC, Operators.commonType(List.of(DataType.INT4, DataType.NUMERIC), "COALESCE"));
        assertEquals(DataType.INT8, Operators.commonType(List.of(DataType.INT2, DataType.INT8), "COALESCE"));
        assertEquals(DataType.FLOAT4, Operators.commonType(List.of(DataType.NUMERIC, DataType.FLOAT4), "COALESCE"));
        assertEquals(DataType.FLOAT8, Operators.commonType(List.of(DataType.INT4, DataType.FLOAT8, DataType.NUMERIC), "CASE"));
        assertEquals(DataType.VARCHAR, Operators.commonType(List.of(DataType.varchar(3), DataType.TEXT), "COALESCE"));
        assertEquals(DataType.varchar(3), Operators.commonType(List.of(DataType.varchar(3), DataType.UNKNOWN,
                DataType.varchar(3)), "UNION"));
        assertEquals(DataType.BPCHAR, Operators.commonType(List.of(DataType.bpchar(2), DataType.VARCHAR), "COALESCE"));
        assertEquals(DataType.TIMESTAMP, Operators.commonType(List.of(DataType.DATE, DataType.TIMESTAMP), "COALESCE"));
        assertEquals(DataType.INT4, Operators.commonType(List.of(DataType.UNKNOWN, DataType.INT4), "VALUES"));
        assertError("42804", "UNION types integer and text cannot be matched",
                () -> Operators.commonType(List.of(DataType.INT4, DataType.TEXT), "UNION"));
        assertError("42804", "CASE types text and integer cannot be matched",
                () -> Operators.commonType(List.of(DataType.TEXT, DataType.INT4), "CASE"));
        assertError("42846", "COALESCE could not convert type uuid to bytea",
                () -> Operators.commonType(List.of(DataType.BYTEA, DataType.UUID), "COALESCE"));
    }
}
