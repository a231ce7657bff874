package org.larchdb.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.larchdb.engine.types.TypeAssertions.assertError;
import static org.larchdb.engine.types.TypeAssertions.io;
import static org.larchdb.engine.types.TypeAssertions.parse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;

/** Array text and binary forms, comparisons and functions; expected strings from PostgreSQL 15. */
class ArrayValueTest {
    private static final DataType INTS = DataType.of(PgType.INT4_ARRAY);
    private static final DataType TEXTS = DataType.of(PgType.TEXT_ARRAY);

    @Test
    void textRoundTrip() {
        assertEquals("{1,2,3}", io("{1,2,3}", INTS));
        assertEquals("{}", io("{}", INTS));
        assertEquals("{1,NULL,3}", io(" { 1 , null , 3 } ", INTS));
        assertEquals("{\"a b\",NULL,\"NULL\",\"\",c,\"x\\\\y\",\"q\\\"z\"}",
                io("{\"a b\",NULL,\"NULL\",\"\",c,\"x\\\\y\",\"q\\\"z\"}", TEXTS));
        assertEquals("{{1,2},{3,4}}", io("{{1,2},{3,4}}", INTS));
        assertEquals("[0:1]={7,8}", io("[0:1]={7,8}", INTS));
        assertEquals("{1.5,2.25}", io("{1.5, 2.25}", DataType.of(PgType.NUMERIC_ARRAY)));
        assertEquals("{\"2024-01-02 03:04:05\"}", io("{\"2024-01-02 03:04:05\"}", DataType.of(PgType.TIMESTAMP_ARRAY)));
    }

    @Test
    void malformed() {
        assertMalformed("1,2", "Array value must start with \"{\" or dimension information.");
        assertMalformed("{1,2", "Unexpected end of input.");
        assertMalformed("{{1,2},{3}}", "Multidimensional arrays must have sub-arrays with matching dimensions.");
        assertMalformed("{1,2}}", "Junk after closing right brace.");
        assertError("22P02", "invalid input syntax for type integer: \"a\"", () -> parse("{a}", INTS));
    }

    private static void assertMalformed(String text, String detail) {
        DbException e = assertError("22P02", "malformed array literal: \"" + text + "\"", () -> parse(text, INTS));
        assertEquals(detail, e.detail());
    }

    @Test
    void binaryRoundTripWithNulls() {
        ArrayValue a = (ArrayValue) parse("{{1,NULL},{3,4}}", INTS);
        byte[] b = BinaryCodec.encode(a, INTS);
        assertEquals(a, BinaryCodec.decode(b, INTS));
        assertEquals(2, b[3]); // ndim
        assertEquals(1, b[7]); // has nulls
        assertEquals(ArrayValue.EMPTY, BinaryCodec.decode(BinaryCodec.encode(ArrayValue.EMPTY, TEXTS), TEXTS));
    }

    @Test
    void tupleRoundTrip() {
        Object[] row = {parse("{x,NULL}", TEXTS), Jsonb.parse("{\"a\":[1]}"), "{\"raw\" : 1}"};
        TupleCodec codec = new TupleCodec(new DataType[] {TEXTS, DataType.of(PgType.JSONB), DataType.of(PgType.JSON)});
        Object[] back = codec.decode(codec.encode(row));
        assertEquals(Arrays.asList(row), Arrays.asList(back));
    }

    @Test
    void comparisons() {
        assertTrue(cmp("{1,2}", "{1,3}") < 0);
        assertTrue(cmp("{1}", "{1,2}") < 0);
        assertTrue(cmp("{2}", "{1,9}") > 0);
        assertTrue(cmp("{1,NULL}", "{1,5}") > 0);
        assertEquals(0, cmp("{1,NULL}", "{1,NULL}"));
    }

    private static int cmp(String a, String b) {
        return Comparisons.compare(parse(a, INTS), parse(b, INTS), PgType.INT4_ARRAY);
    }

    @Test
    void functions() {
        ArrayValue a = (ArrayValue) parse("{10,20,30}", INTS);
        assertEquals(20, ArrayOps.subscript(a, new int[] {2}));
        assertNull(ArrayOps.subscript(a, new int[] {4}));
        assertNull(ArrayOps.subscript(a, new int[] {1, 1}));
        assertEquals("{20,30}", fmt(ArrayOps.slice(a, 2, null)));
        assertEquals("{10,20,30,40}", fmt(ArrayOps.append(a, 40)));
        assertEquals("{0,10,20,30}", fmt(ArrayOps.prepend(0, a)));
        assertEquals("{10,20,30,10,20,30}", fmt(ArrayOps.cat(a, a)));
        assertEquals(3, ArrayOps.position(a, 30, PgType.INT4));
        assertEquals("[1:3]", ArrayOps.dimsText(a));
        assertEquals(3, ArrayOps.length(a, 1));
        assertNull(ArrayOps.length(a, 2));
    }

    private static String fmt(ArrayValue a) {
        return TextCodec.format(a, INTS, TypeAssertions.UTC);
    }

    @Test
    void arrayCastsConvertElements() {
        Object r = Casts.cast(parse("{1.6,2.4}", DataType.of(PgType.NUMERIC_ARRAY)), DataType.of(PgType.NUMERIC_ARRAY),
                INTS, Casts.Context.EXPLICIT, TypeAssertions.UTC);
        assertEquals("{2,2}", fmt((ArrayValue) r));
        assertTrue(Casts.canCast(PgType.INT4_ARRAY, PgType.INT8_ARRAY, Casts.Context.IMPLICIT));
        assertEquals("integer[]", INTS.displayName());
        assertEquals("character varying(5)[]", new DataType(PgType.VARCHAR_ARRAY, 9).displayName());
    }
}
