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
}
