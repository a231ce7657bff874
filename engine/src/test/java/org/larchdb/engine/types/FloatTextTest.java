package org.larchdb.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Float output must equal PostgreSQL 15's (extra_float_digits = 1); expected values from pg-ref. */
class FloatTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.1|0.1", "1e20|1e+20", "1.5e-5|1.5e-05", "123456789|123456789", "1e15|1e+15",
        "123456789012345|123456789012345", "1e-5|1e-05", "0.0001|0.0001", "5e-324|5e-324", "-0|-0", "0|0",
        "NaN|NaN", "Infinity|Infinity", "-Infinity|-Infinity", "1e23|9.999999999999999e+22",
        "84e21|8.399999999999999e+22", "3.625549982393696e+18|3.6255499823936963e+18",
        "1.7976931348623157e308|1.7976931348623157e+308", "2.2250738585072014e-308|2.2250738585072014e-308",
        "100|100", "-570603.6|-570603.6", "0.3|0.3", "2.5|2.5", "1e22|1e+22", "12e10|120000000000",
        "0.00012345|0.00012345", "1.0967034258749122e-15|1.0967034258749122e-15"})
    void doubles(String in, String expected) {
        assertEquals(expected, FloatText.formatDouble(Double.parseDouble(in)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1e6|1e+06", "123456|123456", "1234567|1.234567e+06", "1.1|1.1", "3.4e38|3.4e+38", "1e-45|1e-45",
        "22e9|2.2000001e+10", "43e8|4.3000003e+09", "12e10|1.20000004e+11", "0.1|0.1", "-0|-0",
        "1.0967034e-15|1.0967034e-15", "16777216|1.6777216e+07", "NaN|NaN", "-Infinity|-Infinity"})
    void reals(String in, String expected) {
        assertEquals(expected, FloatText.formatFloat(Float.parseFloat(in)));
    }

    /** %g output below extra_float_digits 1; expected values from pg-ref with SET extra_float_digits. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0.3333333333333333|0.333333333333333", "0|0.1|0.1", "0|1e15|1e+15", "0|1e16|1e+16",
        "0|123456789012345678|1.23456789012346e+17", "0|2.5e-5|2.5e-05", "0|0.30000000000000004|0.3",
        "0|1e100|1e+100", "0|100|100", "0|5e-324|4.94065645841247e-324", "0|-0|-0", "0|NaN|NaN",
        "0|6.666666666666667e-05|6.66666666666667e-05", "-5|0.3333333333333333|0.3333333333",
        "-5|123456.789|123456.789", "-5|1e10|1e+10", "-15|0.3333333333333333|0.3", "-15|123|1e+02",
        "-15|95|1e+02", "3|0.1|0.1", "2|1e23|9.999999999999999e+22"})
    void doublesWithExtraFloatDigits(int extra, String in, String expected) {
        assertEquals(expected, FloatText.formatDouble(Double.parseDouble(in), extra));
        assertEquals(expected, TextCodec.format(Double.parseDouble(in), DataType.FLOAT8,
                new TextFormat(java.time.ZoneOffset.UTC, extra, TextFormat.DateOrder.MDY)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0.1|0.1", "0|123456789|1.23457e+08", "0|1234567|1.23457e+06", "0|999999.5|1e+06", "0|3.4e38|3.4e+38",
        "0|1e-45|1.4013e-45", "0|16777216|1.67772e+07", "-15|0.15|0.2", "3|0.1|0.1"})
    void realsWithExtraFloatDigits(int extra, String in, String expected) {
        assertEquals(expected, FloatText.formatFloat(Float.parseFloat(in), extra));
    }

    @org.junit.jupiter.api.Test
    void outOfRangeInputNamesTheText() {
        TypeAssertions.assertError("22003", "\"1e40\" is out of range for type real",
                () -> TypeAssertions.parse("1e40", DataType.FLOAT4));
        TypeAssertions.assertError("22003", "\" 1e40 \" is out of range for type real",
                () -> TypeAssertions.parse(" 1e40 ", DataType.FLOAT4));
        TypeAssertions.assertError("22003", "\"1e400\" is out of range for type double precision",
                () -> TypeAssertions.parse("1e400", DataType.FLOAT8));
        TypeAssertions.assertError("22003", "\"1e-400\" is out of range for type double precision",
                () -> TypeAssertions.parse("1e-400", DataType.FLOAT8));
        // numeric to real goes through float4in on the numeric's text, as numeric_float4 does
        TypeAssertions.assertError("22003", "\"1000000000000000000000000000000000000000\" is out of range for type real",
                () -> Casts.cast(new java.math.BigDecimal("1e39"), DataType.NUMERIC, DataType.FLOAT4,
                        Casts.Context.EXPLICIT, TextFormat.DEFAULT));
    }
}
