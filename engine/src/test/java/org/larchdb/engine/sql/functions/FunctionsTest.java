package org.larchdb.engine.sql.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.types.DataType;

class FunctionsTest {

    private static FunctionSignature resolve(String name, DataType... args) {
        return FunctionResolution.resolve(name, FunctionRegistry.named(name), List.of(args));
    }

    @Test
    void resolutionPrefersExactThenPreferredTypes() {
        assertEquals(DataType.INT4, resolve("abs", DataType.INT4).result());
        assertEquals(DataType.FLOAT8, resolve("round", DataType.INT4).result());
        assertEquals(DataType.FLOAT8, resolve("round", DataType.UNKNOWN).result());
        assertEquals(DataType.NUMERIC, resolve("round", DataType.NUMERIC, DataType.INT4).result());
        assertEquals(DataType.TEXT, resolve("length", DataType.UNKNOWN).argTypes().get(0));
        DbException e = assertThrows(DbException.class, () -> resolve("lower", DataType.INT4));
        assertEquals("function lower(integer) does not exist", e.getMessage());
    }

    @Test
    void stringFunctions() {
        assertEquals("he", StringFunctions.substring("hello", 0, 3));
        assertEquals("", StringFunctions.substring("hello", 10, null));
        assertThrows(DbException.class, () -> StringFunctions.substring("hello", 1, -1));
        assertEquals("Hello World-Foo", StringFunctions.initcap("hELLO world-foo"));
        assertEquals("xyxabc", StringFunctions.pad("abc", 6, "xy", true));
        assertEquals("abc", StringFunctions.left("abcde", -2));
        assertEquals("c", StringFunctions.splitPart("a,b,c", ",", -1));
        assertEquals("\"A b\"", TextFormatFunction.quoteIdent("A b"));
        assertEquals("x 'y' NULL", TextFormatFunction.format(new Object[] {"%s %L %L", "x", "y", null}));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", StringFunctions.md5("abc".getBytes()));
    }

    @Test
    void numericMathUsesPostgresScales() {
        assertEquals(new BigDecimal("1.414213562373095"), NumericMath.sqrt(new BigDecimal("2.0")));
        assertEquals(new BigDecimal("0.6931471805599453"), NumericMath.ln(new BigDecimal("2.0")));
        assertEquals(new BigDecimal("2.7182818284590452"), NumericMath.exp(new BigDecimal("1.0")));
        assertEquals(new BigDecimal("3.0000000000000000"), NumericMath.log(new BigDecimal("2"), new BigDecimal("8")));
        assertEquals(new BigDecimal("1024.0000000000000000"), NumericMath.power(new BigDecimal("2.0"),
                new BigDecimal("10")));
        assertThrows(DbException.class, () -> NumericMath.ln(BigDecimal.ZERO));
    }

    @Test
    void toCharPatterns() {
        LocalDateTime t = LocalDateTime.of(2024, 3, 5, 14, 7, 9);
        assertEquals("2024-03-05 14:07:09", ToChar.dateTime(t, "YYYY-MM-DD HH24:MI:SS"));
        assertEquals("Mar 05 2024", ToChar.dateTime(t, "Mon DD YYYY"));
        assertEquals(" 123", ToChar.number(new BigDecimal("123"), "999"));
        assertEquals("123.46", ToChar.number(new BigDecimal("123.456"), "FM999.00"));
        assertEquals(" ###", ToChar.number(new BigDecimal("1234"), "999"));
        assertEquals(t, ToChar.parse("2024-03-05 14:07:09", "YYYY-MM-DD HH24:MI:SS"));
    }
}
