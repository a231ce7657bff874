package org.larchdb.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larchdb.engine.types.TypeAssertions.assertError;
import static org.larchdb.engine.types.TypeAssertions.io;

import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;

/** json/jsonb input, output, binary form and operators; expected strings from PostgreSQL 15. */
class JsonbTest {
    private static final DataType JSON = DataType.of(PgType.JSON);
    private static final DataType JSONB = DataType.of(PgType.JSONB);

    @Test
    void jsonbIsNormalized() {
        assertEquals("{\"a\": [1, 2, {\"c\": null}], \"b\": 1}", io("{\"b\":1,  \"a\":[1,2, {\"c\":null}]}", JSONB));
        assertEquals("{\"a\": 2, \"b\": 4, \"aa\": 3}", io("{\"a\":1, \"a\":2, \"aa\":3, \"b\":4}", JSONB));
        assertEquals("[1, 2.50, -50, true, false, null, \"x\\\"y\"]",
                io("  [1, 2.50, -0.5e2, true, false, null, \"x\\\"y\"] ", JSONB));
        assertEquals("\"tab\\there\"", io("\"tab\\there\"", JSONB));
        assertEquals("1000", io("1e3", JSONB));
    }

    @Test
    void jsonKeepsItsText() {
        assertEquals("{\"b\":1,  \"a\":[1]}", io("{\"b\":1,  \"a\":[1]}", JSON));
    }

    @Test
    void invalidInputDetails() {
        assertDetail("{\"a\":1", "The input string ended unexpectedly.");
        assertDetail("{\"a\" 1}", "Expected \":\", but found \"1\".");
        assertDetail("tru", "Token \"tru\" is invalid.");
        assertDetail("[1,]", "Expected JSON value, but found \"]\".");
        assertDetail("{1:2}", "Expected string or \"}\", but found \"1\".");
        assertDetail("{\"a\":1,}", "Expected string, but found \"}\".");
        assertDetail("01", "Token \"01\" is invalid.");
        assertDetail("[1 2]", "Expected \",\" or \"]\", but found \"2\".");
        assertDetail("\"\\u00zz\"", "\"\\u\" must be followed by four hexadecimal digits.");
    }

    private static void assertDetail(String text, String detail) {
        DbException e = assertError("22P02", "invalid input syntax for type json", () -> Jsonb.parse(text));
        assertEquals(detail, e.detail(), text);
    }

    @Test
    void binaryHasVersionByte() {
        Jsonb v = Jsonb.parse("{\"a\":1}");
        byte[] b = BinaryCodec.encode(v, JSONB);
        assertEquals(1, b[0]);
        assertEquals(v, BinaryCodec.decode(b, JSONB));
        assertError("22P03", "unsupported jsonb version number 2", () -> BinaryCodec.decode(new byte[] {2, '1'}, JSONB));
    }

    @Test
    void equalityIgnoresKeyOrderAndNumericScale() {
        assertEquals(Jsonb.parse("{\"a\":1,\"b\":2}"), Jsonb.parse("{\"b\":2,\"a\":1.0}"));
        assertEquals(Jsonb.parse("[1.0, {\"a\": 2.50}]").hashCode(), Jsonb.parse("[1, {\"a\": 2.5}]").hashCode());
        assertEquals(ArrayValue.of(java.util.List.of(new java.math.BigDecimal("1.0"))).hashCode(),
                ArrayValue.of(java.util.List.of(java.math.BigDecimal.ONE)).hashCode());
        assertTrue(Jsonb.parse("[1]").compareTo(Jsonb.parse("[1,2]")) < 0);
        assertTrue(Jsonb.parse("{\"a\":1}").compareTo(Jsonb.parse("[1,2,3]")) > 0);
        assertError("42883", "operator does not exist: json = json",
                () -> Operators.resolveBinary("=", JSON, JSON));
    }

    private static Object op(String op, String left, DataType rightType, Object right) {
        Operator o = Operators.resolveBinary(op, JSONB, rightType);
        Object r = right instanceof String s && rightType.type() == PgType.JSONB ? Jsonb.parse(s) : right;
        return o.apply(Jsonb.parse(left), r);
    }

    @Test
    void operators() {
        assertEquals("[10, 20]", op("->", "{\"a\":[10,20]}", DataType.TEXT, "a").toString());
        assertEquals("20", op("->", "[10,20]", DataType.INT4, -1).toString());
        assertEquals("x", op("->>", "{\"a\":\"x\"}", DataType.TEXT, "a"));
        assertNull(op("->>", "{\"a\":null}", DataType.TEXT, "a"));
        assertEquals(true, op("@>", "{\"a\":1,\"b\":{\"c\":2}}", JSONB, "{\"b\":{\"c\":2}}"));
        assertEquals(false, op("@>", "{\"a\":1}", JSONB, "{\"a\":2}"));
        assertEquals(true, op("@>", "[1,2,[3,4]]", JSONB, "[[3]]"));
        assertEquals(true, op("?", "[\"x\",\"y\"]", DataType.TEXT, "y"));
        assertEquals("{\"a\": 3, \"b\": 2}", op("||", "{\"a\":1}", JSONB, "{\"b\":2,\"a\":3}").toString());
        assertEquals("[1, 2]", op("||", "[1]", JSONB, "2").toString());
        assertEquals("[\"b\"]", op("-", "[\"a\",\"b\",\"a\"]", DataType.TEXT, "a").toString());
        assertEquals("[1, 2]", op("-", "[1,2,3]", DataType.INT4, -1).toString());
        assertError("22023", "cannot delete from scalar", () -> op("-", "\"x\"", DataType.TEXT, "x"));
    }

    @Test
    void jsonMembersComeBackVerbatim() {
        Operator arrow = Operators.resolveBinary("->", JSON, DataType.TEXT);
        assertEquals("{\"x\" :  1}", arrow.apply("{\"a\": {\"x\" :  1}}", "a"));
        Operator text = Operators.resolveBinary("->>", JSON, DataType.TEXT);
        assertEquals("s", text.apply("{\"a\": \"s\"}", "a"));
        assertNull(arrow.apply("[1]", "a"));
    }

    @Test
    void valuesAsJson() {
        TextFormat f = TypeAssertions.UTC;
        assertEquals("\"2024-02-03T04:05:06\"", JsonValues.toJsonText(java.time.LocalDateTime.of(2024, 2, 3, 4, 5, 6),
                DataType.TIMESTAMP, f));
        assertEquals("[1,null]", JsonValues.toJsonText(ArrayValue.of(java.util.Arrays.asList(1, null)),
                DataType.of(PgType.INT4_ARRAY), f));
        assertEquals("\"NaN\"", JsonValues.toJsonText(Double.NaN, DataType.FLOAT8, f));
        assertFalse(JsonParser.isNumber("1."));
    }
}
