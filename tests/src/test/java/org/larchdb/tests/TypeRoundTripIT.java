package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every supported type through PreparedStatement setters and ResultSet getters, stored in a
 * table and read back, in both wire formats: text (unnamed statements) and binary (named
 * statements from the first execution with binary transfer).
 */
class TypeRoundTripIT {
    @RegisterExtension
    static final TestServer server = new TestServer();

    enum Mode {
        TEXT("prepareThreshold=0&binaryTransfer=false"),
        BINARY("prepareThreshold=-1&binaryTransfer=true");

        final String urlParameters;

        Mode(String urlParameters) {
            this.urlParameters = urlParameters;
        }
    }

    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement ps, int index, T value) throws SQLException;
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void booleans(Mode mode) throws SQLException {
        roundTrip(mode, "boolean", Types.BOOLEAN, Arrays.asList(true, false, null),
                PreparedStatement::setBoolean, rs -> rs.getBoolean(1), Objects::equals);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void smallints(Mode mode) throws SQLException {
        roundTrip(mode, "smallint", Types.SMALLINT,
                Arrays.asList(Short.MIN_VALUE, (short) -1, (short) 0, Short.MAX_VALUE, null),
                PreparedStatement::setShort, rs -> rs.getShort(1), Objects::equals);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void integers(Mode mode) throws SQLException {
        roundTrip(mode, "integer", Types.INTEGER,
                Arrays.asList(Integer.MIN_VALUE, -1, 0, 42, Integer.MAX_VALUE, null),
                PreparedStatement::setInt, rs -> rs.getInt(1), Objects::equals);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bigints(Mode mode) throws SQLException {
        roundTrip(mode, "bigint", Types.BIGINT,
                Arrays.asList(Long.MIN_VALUE, -1L, 0L, 4_200_000_000L, Long.MAX_VALUE, null),
                PreparedStatement::setLong, rs -> rs.getLong(1), Objects::equals);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void reals(Mode mode) throws SQLException {
        roundTrip(mode, "real", Types.REAL,
                Arrays.asList(1.5f, -0.1f, 0f, Float.MAX_VALUE, -Float.MAX_VALUE, 1.0e-30f, 3.4028e38f,
                        Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, null),
                PreparedStatement::setFloat, rs -> rs.getFloat(1), (a, b) -> Float.compare(a, b) == 0);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void doubles(Mode mode) throws SQLException {
        roundTrip(mode, "double precision", Types.DOUBLE,
                Arrays.asList(0.1, -2.5e-300, 0.0, Math.PI, Double.MAX_VALUE, Double.MIN_NORMAL, 1e15 + 0.3,
                        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, null),
                PreparedStatement::setDouble, rs -> rs.getDouble(1), (a, b) -> Double.compare(a, b) == 0);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void numerics(Mode mode) throws SQLException {
        roundTrip(mode, "numeric(20,5)", Types.NUMERIC,
                Arrays.asList(new BigDecimal("123456789012345.12345"), new BigDecimal("-0.00001"),
                        new BigDecimal("0.00000"), new BigDecimal("-999999999999999.99999"),
                        new BigDecimal("42.50000"), null),
                PreparedStatement::setBigDecimal, rs -> rs.getBigDecimal(1), Objects::equals);
        roundTrip(mode, "numeric", Types.NUMERIC,
                Arrays.asList(new BigDecimal("12345678901234567890123456789.0123456789"),
                        new BigDecimal("1E-20").setScale(20), new BigDecimal("-7"), new BigDecimal("100.0"), null),
                PreparedStatement::setBigDecimal, rs -> rs.getBigDecimal(1), Objects::equals);
        // Storing into numeric(p,s) rounds to the column's scale.
        try (Connection c = server.connect(mode.urlParameters);
             PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS numeric(6,2))")) {
            ps.setBigDecimal(1, new BigDecimal("1.235"));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(new BigDecimal("1.24"), rs.getBigDecimal(1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void texts(Mode mode) throws SQLException {
        roundTrip(mode, "text", Types.VARCHAR,
                Arrays.asList("", "plain", "héllo wörld 日本語 😀", "quote ' double \" backslash \\ semicolon ;",
                        "line\nbreak\ttab", "x".repeat(100_000), null),
                PreparedStatement::setString, rs -> rs.getString(1), Objects::equals);
        roundTrip(mode, "varchar(10)", Types.VARCHAR, Arrays.asList("abcdefghij", "", "ÄÖÜäöüß€ab", null),
                PreparedStatement::setString, rs -> rs.getString(1), Objects::equals);
        roundTrip(mode, "char(5)", Types.CHAR, Arrays.asList("ab   ", "abcde", "     ", null),
                PreparedStatement::setString, rs -> rs.getString(1), Objects::equals);
        // char(n) pads what it stores.
        try (Connection c = server.connect(mode.urlParameters); Statement st = c.createStatement();
             PreparedStatement insert = c.prepareStatement("INSERT INTO rt_pad VALUES (?)")) {
            st.execute("DROP TABLE IF EXISTS rt_pad");
            st.execute("CREATE TABLE rt_pad (v char(5))");
            insert.setString(1, "ab");
            insert.executeUpdate();
            insert.setString(1, "toolong");
            SQLException tooLong = assertThrows(SQLException.class, insert::executeUpdate);
            assertEquals("22001", tooLong.getSQLState());
            assertEquals(List.of("ab   "), BasicSqlIT.column(st, "SELECT v FROM rt_pad"));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void byteas(Mode mode) throws SQLException {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] big = new byte[1 << 20];
        new java.util.Random(7).nextBytes(big);
        roundTrip(mode, "bytea", Types.BINARY, Arrays.asList(all, new byte[0], new byte[] {0}, big, null),
                PreparedStatement::setBytes, rs -> rs.getBytes(1), Arrays::equals);
        try (Connection c = server.connect(mode.urlParameters);
             PreparedStatement ps = c.prepareStatement("SELECT v FROM rt_bytea WHERE k = 0")) {
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertArrayEquals(all, rs.getBytes(1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void dates(Mode mode) throws SQLException {
        roundTrip(mode, "date", Types.DATE,
                Arrays.asList(LocalDate.of(2024, 2, 29), LocalDate.of(1970, 1, 1), LocalDate.of(1, 1, 1),
                        LocalDate.of(-500, 3, 1), LocalDate.of(-4712, 1, 1), LocalDate.of(9999, 12, 31),
                        LocalDate.of(200_000, 6, 15), LocalDate.MAX, LocalDate.MIN, null),
                (ps, i, v) -> ps.setObject(i, v), rs -> rs.getObject(1, LocalDate.class), Objects::equals);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void timestamps(Mode mode) throws SQLException {
        roundTrip(mode, "timestamp", Types.TIMESTAMP,
                Arrays.asList(LocalDateTime.of(2024, 1, 15, 10, 30, 0, 123_456_000),
                        LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1_000), LocalDateTime.of(1, 1, 1, 0, 0),
                        LocalDateTime.of(-1000, 6, 15, 12, 0), LocalDateTime.of(1899, 12, 31, 23, 59, 59, 999_999_000),
                        LocalDateTime.of(294_276, 12, 31, 23, 59, 59, 999_999_000), LocalDateTime.MAX,
                        LocalDateTime.MIN, null),
                (ps, i, v) -> ps.setObject(i, v), rs -> rs.getObject(1, LocalDateTime.class), Objects::equals);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void timestampsWithTimeZone(Mode mode) throws SQLException {
        BiPredicate<OffsetDateTime, OffsetDateTime> sameInstant = (a, b) -> a.isEqual(b);
        roundTrip(mode, "timestamptz", Types.TIMESTAMP_WITH_TIMEZONE,
                Arrays.asList(OffsetDateTime.of(2024, 1, 15, 10, 30, 0, 123_456_000, ZoneOffset.ofHours(2)),
                        OffsetDateTime.of(2024, 6, 30, 23, 59, 59, 999_999_000, ZoneOffset.ofHoursMinutes(-7, -30)),
                        OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                        OffsetDateTime.of(1900, 1, 1, 12, 0, 0, 1_000, ZoneOffset.UTC),
                        OffsetDateTime.of(3000, 3, 1, 0, 0, 0, 0, ZoneOffset.ofHours(14)), null),
                (ps, i, v) -> ps.setObject(i, v), rs -> rs.getObject(1, OffsetDateTime.class), sameInstant);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void uuids(Mode mode) throws SQLException {
        roundTrip(mode, "uuid", Types.OTHER,
                Arrays.asList(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), new UUID(0, 0),
                        new UUID(-1, -1), UUID.randomUUID(), null),
                (ps, i, v) -> ps.setObject(i, v), rs -> rs.getObject(1, UUID.class), Objects::equals);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void times(Mode mode) throws SQLException {
        roundTrip(mode, "time", Types.TIME,
                Arrays.asList(java.time.LocalTime.of(13, 14, 15, 123_456_000), java.time.LocalTime.MIDNIGHT,
                        java.time.LocalTime.of(23, 59, 59, 999_999_000), java.time.LocalTime.of(0, 0, 0, 1_000), null),
                (ps, i, v) -> ps.setObject(i, v), rs -> rs.getObject(1, java.time.LocalTime.class), Objects::equals);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void timesWithTimeZone(Mode mode) throws SQLException {
        roundTrip(mode, "timetz", Types.OTHER,
                Arrays.asList("10:00:00+02", "23:59:59.999999-05:30", "00:00:00+00", "12:34:56.5-08", null),
                (ps, i, v) -> ps.setObject(i, v, Types.OTHER), rs -> rs.getString(1),
                // pgjdbc renders binary timetz at UTC: the same instant of the day is what must survive
                (a, b) -> utcMicros(offsetTime(a)) == utcMicros(offsetTime(b)));
    }

    private static long utcMicros(java.time.OffsetTime t) {
        return Math.floorMod(t.toLocalTime().toNanoOfDay() / 1000 - t.getOffset().getTotalSeconds() * 1_000_000L,
                86_400_000_000L);
    }

    private static java.time.OffsetTime offsetTime(String pgText) {
        String s = pgText.matches(".*[+-]\\d\\d$") ? pgText + ":00" : pgText;
        return java.time.OffsetTime.parse(s);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void intervals(Mode mode) throws SQLException {
        roundTrip(mode, "interval", Types.OTHER,
                Arrays.asList("1 year 2 mons 3 days 04:05:06.5", "-1 days +01:57:00", "00:00:00",
                        "-178956970 years -7 mons -2147483648 days -100:00:54.775808", "100:00:00.000001", null),
                (ps, i, v) -> ps.setObject(i, v, Types.OTHER), rs -> rs.getString(1),
                (a, b) -> {
                    try {
                        return new org.postgresql.util.PGInterval(a).equals(new org.postgresql.util.PGInterval(b));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    private static org.postgresql.util.PGobject pgObject(String type, String value) {
        try {
            org.postgresql.util.PGobject o = new org.postgresql.util.PGobject();
            o.setType(type);
            o.setValue(value);
            return o;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void jsonKeepsText(Mode mode) throws SQLException {
        roundTrip(mode, "json", Types.OTHER, Arrays.asList("{\"b\":1,  \"a\":[1,2]}", "\"caf\u00e9\"", "null", null),
                (ps, i, v) -> ps.setObject(i, pgObject("json", v)), rs -> rs.getString(1), Objects::equals);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void jsonbNormalized(Mode mode) throws SQLException {
        roundTrip(mode, "jsonb", Types.OTHER, Arrays.asList("{\"a\": [1, 2.50], \"bb\": {\"c\": null}}", "[]",
                        "\"x\\\"y\"", null),
                // as an untyped parameter: pgjdbc's lookup of the jsonb OID needs generate_series in FROM
                (ps, i, v) -> ps.setObject(i, v, Types.OTHER), rs -> rs.getString(1), Objects::equals);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void integerArrays(Mode mode) throws SQLException {
        roundTrip(mode, "integer[]", Types.ARRAY, Arrays.asList(new Integer[] {1, null, -3}, new Integer[] {},
                        new Integer[] {Integer.MAX_VALUE}, null),
                (ps, i, v) -> ps.setArray(i, ps.getConnection().createArrayOf("int4", v)),
                rs -> rs.getArray(1) == null ? null : (Integer[]) rs.getArray(1).getArray(), Arrays::equals);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void textArrays(Mode mode) throws SQLException {
        roundTrip(mode, "text[]", Types.ARRAY, Arrays.asList(new String[] {"a b", null, "NULL", "", "q\"u\\o{t},e"},
                        new String[] {"x"}, null),
                (ps, i, v) -> ps.setArray(i, ps.getConnection().createArrayOf("text", v)),
                rs -> rs.getArray(1) == null ? null : (String[]) rs.getArray(1).getArray(), Arrays::equals);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void numericArraysAsText(Mode mode) throws SQLException {
        roundTrip(mode, "numeric[]", Types.OTHER, Arrays.asList("{1.50,-2,NULL}", "{}", null),
                (ps, i, v) -> ps.setObject(i, v, Types.OTHER), rs -> rs.getString(1), Objects::equals);
    }

    /**
     * Stores each value with {@code INSERT ... VALUES (?, ?)} into a fresh table with a column of
     * {@code sqlType}, reads it back with {@code SELECT ... WHERE k = ?} and compares.
     */
    private static <T> void roundTrip(Mode mode, String sqlType, int jdbcType, List<T> values, Binder<T> binder,
                                      Reader<T> reader, BiPredicate<T, T> same) throws SQLException {
        String table = "rt_" + sqlType.replaceAll("[^a-z]", "");
        try (Connection c = server.connect(mode.urlParameters)) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + table);
                st.execute("CREATE TABLE " + table + " (k integer NOT NULL, v " + sqlType + ")");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (k, v) VALUES (?, ?)")) {
                for (int k = 0; k < values.size(); k++) {
                    insert.setInt(1, k);
                    if (values.get(k) == null) {
                        insert.setNull(2, jdbcType);
                    } else {
                        binder.bind(insert, 2, values.get(k));
                    }
                    assertEquals(1, insert.executeUpdate(), () -> "insert into " + table);
                }
            }
            try (PreparedStatement select = c.prepareStatement("SELECT v FROM " + table + " WHERE k = ?")) {
                for (int k = 0; k < values.size(); k++) {
                    T expected = values.get(k);
                    select.setInt(1, k);
                    try (ResultSet rs = select.executeQuery()) {
                        assertTrue(rs.next(), () -> table + ": row missing");
                        T actual = reader.read(rs);
                        String what = mode + " " + sqlType + " value #" + k;
                        if (expected == null) {
                            assertTrue(rs.wasNull(), what + " should be NULL");
                            assertNull(rs.getObject(1), what);
                        } else {
                            assertTrue(same.test(expected, actual),
                                    what + ": sent " + show(expected) + ", got " + show(actual));
                        }
                    }
                }
            }
        }
    }

    private static String show(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes.length > 32 ? "byte[" + bytes.length + "]" : Arrays.toString(bytes);
        }
        String text = String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 80) + "...(" + text.length() + " chars)" : text;
    }
}
