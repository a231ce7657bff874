package org.larchdb.engine.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyEncoderTest {
    private static final PgType[] TYPES = {PgType.BOOL, PgType.INT2, PgType.INT4, PgType.INT8, PgType.OID,
        PgType.FLOAT4, PgType.FLOAT8, PgType.NUMERIC, PgType.TEXT, PgType.VARCHAR, PgType.BPCHAR, PgType.NAME,
        PgType.CHAR, PgType.BYTEA, PgType.UUID, PgType.DATE, PgType.TIMESTAMP, PgType.TIMESTAMPTZ};

    /** The order the encoding must reproduce: column by column, NULL placement, DESC inverted. */
    static int reference(KeySpec spec, Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            KeySpec.Column c = spec.columns().get(i);
            int r;
            if (a[i] == null || b[i] == null) {
                r = a[i] == null ? (b[i] == null ? 0 : c.nullsFirst() ? -1 : 1) : (c.nullsFirst() ? 1 : -1);
            } else {
                r = Integer.signum(Comparisons.compare(a[i], b[i], c.type()));
                if (c.descending()) {
                    r = -r;
                }
            }
            if (r != 0) {
                return r;
            }
        }
        return 0;
    }

    @Test
    void everyTypeSingleColumnAllDirectionsMatchesComparisons() {
        for (PgType type : TYPES) {
            for (int option = 0; option < 4; option++) {
                KeySpec spec = KeySpec.of(new KeySpec.Column(type, (option & 1) != 0, (option & 2) != 0));
                checkPairs(spec, new Random(type.ordinal() * 31L + option), 3000);
            }
        }
    }

    @Test
    void multiColumnKeysCompareLexicographically() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(4);
            List<KeySpec.Column> cols = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                cols.add(new KeySpec.Column(TYPES[rnd.nextInt(TYPES.length)], rnd.nextBoolean(), rnd.nextBoolean()));
            }
            checkPairs(new KeySpec(cols), rnd, 300);
        }
    }

    private static void checkPairs(KeySpec spec, Random rnd, int pairs) {
        KeyEncoder enc = new KeyEncoder(spec);
        // A small pool of values so that equal values and shared prefixes are frequent.
        List<Object[]> pool = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Object[] key = new Object[spec.size()];
            for (int c = 0; c < key.length; c++) {
                key[c] = rnd.nextInt(12) == 0 ? null : randomValue(spec.columns().get(c).type(), rnd);
            }
            pool.add(key);
        }
        for (int i = 0; i < pairs; i++) {
            Object[] a = pool.get(rnd.nextInt(pool.size()));
            Object[] b = rnd.nextInt(3) == 0 ? pool.get(rnd.nextInt(pool.size())) : mutate(spec, a, rnd);
            int expected = reference(spec, a, b);
            int actual = Integer.signum(Arrays.compareUnsigned(enc.encode(a), enc.encode(b)));
            assertEquals(expected, actual, () -> spec + ": " + Arrays.deepToString(a) + " vs " + Arrays.deepToString(b));
        }
    }

    /** A key sharing a random prefix of columns with {@code a}. */
    private static Object[] mutate(KeySpec spec, Object[] a, Random rnd) {
        Object[] b = a.clone();
        int from = rnd.nextInt(a.length);
        for (int c = from; c < b.length; c++) {
            b[c] = rnd.nextInt(12) == 0 ? null : randomValue(spec.columns().get(c).type(), rnd);
        }
        return b;
    }

    static Object randomValue(PgType type, Random rnd) {
        return switch (type) {
            case BOOL -> rnd.nextBoolean();
            case INT2 -> (short) pick(rnd, rnd.nextInt(), Short.MIN_VALUE, Short.MAX_VALUE, -1, 0, 1);
            case INT4 -> (int) pick(rnd, rnd.nextInt(), Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1, rnd.nextInt(5) - 2);
            case INT8 -> pick(rnd, rnd.nextLong(), Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, rnd.nextInt(1000) - 500);
            case OID -> rnd.nextInt(4) == 0 ? 4294967295L : rnd.nextLong() & 0xffff_ffffL;
            case FLOAT4 -> (float) randomDouble(rnd);
            case FLOAT8 -> randomDouble(rnd);
            case NUMERIC -> randomNumeric(rnd);
            case TEXT, VARCHAR, NAME, UNKNOWN -> randomString(rnd, false);
            case BPCHAR -> randomString(rnd, true);
            case CHAR -> rnd.nextInt(5) == 0 ? "" : String.valueOf((char) rnd.nextInt(128));
            case BYTEA -> {
                byte[] b = new byte[rnd.nextInt(6)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) new int[] {0, 1, 0xff, 0x7f, 0x80, rnd.nextInt(256)}[rnd.nextInt(6)];
                }
                yield b;
            }
            case UUID -> new UUID(pick(rnd, rnd.nextLong(), 0, -1, Long.MIN_VALUE), rnd.nextInt(3) - 1);
            case DATE -> switch (rnd.nextInt(10)) {
                case 0 -> LocalDate.MAX;
                case 1 -> LocalDate.MIN;
                default -> LocalDate.ofEpochDay(rnd.nextInt(2_000_000) - 1_000_000);
            };
            case TIME -> rnd.nextInt(10) == 0 ? java.time.LocalTime.MAX
                    : java.time.LocalTime.ofNanoOfDay(rnd.nextLong(86_400_000_000L) * 1000);
            case TIMETZ -> java.time.OffsetTime.of(java.time.LocalTime.ofNanoOfDay(rnd.nextInt(4) * 3_600_000_000_000L),
                    ZoneOffset.ofHours(rnd.nextInt(5) - 2));
            case INTERVAL -> new Interval((int) pick(rnd, rnd.nextInt(), Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 1, -1),
                    (int) pick(rnd, rnd.nextInt(), Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 30, -30),
                    pick(rnd, rnd.nextLong(), Long.MIN_VALUE, Long.MAX_VALUE, 0, Interval.MICROS_PER_DAY, -1));
            case TIMESTAMP -> switch (rnd.nextInt(10)) {
                case 0 -> LocalDateTime.MAX;
                case 1 -> LocalDateTime.MIN;
                default -> LocalDateTime.ofEpochSecond(rnd.nextLong(-200_000_000_000L, 200_000_000_000L),
                        rnd.nextInt(3) * 1000, ZoneOffset.UTC);
            };
            case TIMESTAMPTZ -> switch (rnd.nextInt(10)) {
                case 0 -> Instant.MAX;
                case 1 -> Instant.MIN;
                default -> Instant.ofEpochSecond(rnd.nextLong(-200_000_000_000L, 200_000_000_000L),
                        rnd.nextInt(3) * 1000);
            };
            default -> throw new IllegalArgumentException("no random values of type " + type);
        };
    }

    private static long pick(Random rnd, long random, long... specials) {
        return rnd.nextBoolean() ? random : specials[rnd.nextInt(specials.length)];
    }

    private static double randomDouble(Random rnd) {
        return switch (rnd.nextInt(12)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> Double.NEGATIVE_INFINITY;
            case 3 -> -0.0;
            case 4 -> 0.0;
            case 5 -> Double.MIN_VALUE * (rnd.nextBoolean() ? 1 : -1);
            case 6 -> Double.MAX_VALUE * (rnd.nextBoolean() ? 1 : -1);
            case 7 -> rnd.nextInt(7) - 3;
            default -> (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(40) - 20);
        };
    }

    private static Object randomNumeric(Random rnd) {
        return switch (rnd.nextInt(14)) {
            case 0 -> NumericSpecial.NAN;
            case 1 -> NumericSpecial.POS_INF;
            case 2 -> NumericSpecial.NEG_INF;
            case 3 -> new BigDecimal(BigInteger.ZERO, rnd.nextInt(5));
            case 4 -> new BigDecimal(BigInteger.valueOf(rnd.nextInt(21) - 10), rnd.nextInt(5) - 2);
            default -> {
                BigInteger unscaled = new BigInteger(1 + rnd.nextInt(90), rnd);
                if (rnd.nextBoolean()) {
                    unscaled = unscaled.negate();
                }
                // Trailing zeros in the unscaled value: equal values with different scales.
                unscaled = unscaled.multiply(BigInteger.TEN.pow(rnd.nextInt(3)));
                yield new BigDecimal(unscaled, rnd.nextInt(40) - 20);
            }
        };
    }

    private static String randomString(Random rnd, boolean bpchar) {
        String[] atoms = {"a", "b", "ab", "\u0000", " ", "\u00e9", "\ud83d\ude00", "\uffff", "\ue000", "z", "A"};
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            sb.append(atoms[rnd.nextInt(atoms.length)]);
        }
        if (bpchar && rnd.nextBoolean()) {
            sb.append(" ".repeat(rnd.nextInt(3)));
        }
        return sb.toString();
    }

    @Test
    void specialValuesEncodeAsPostgreSqlOrdersThem() {
        KeyEncoder f = new KeyEncoder(KeySpec.ascending(PgType.FLOAT8));
        assertArrayEquals(f.encode(new Object[] {-0.0}), f.encode(new Object[] {0.0}));
        assertTrue(Arrays.compareUnsigned(f.encode(new Object[] {Double.POSITIVE_INFINITY}),
                f.encode(new Object[] {Double.NaN})) < 0);
        KeyEncoder n = new KeyEncoder(KeySpec.ascending(PgType.NUMERIC));
        assertArrayEquals(n.encode(new Object[] {new BigDecimal("1.500")}), n.encode(new Object[] {new BigDecimal("1.5")}));
        KeyEncoder b = new KeyEncoder(KeySpec.ascending(PgType.BPCHAR));
        assertArrayEquals(b.encode(new Object[] {"ab   "}), b.encode(new Object[] {"ab"}));
        KeyEncoder nulls = new KeyEncoder(KeySpec.ascending(PgType.INT4));
        assertTrue(Arrays.compareUnsigned(nulls.encode(new Object[] {Integer.MAX_VALUE}),
                nulls.encode(new Object[] {null})) < 0, "NULLS LAST by default for ASC");
        KeyEncoder desc = new KeyEncoder(KeySpec.of(KeySpec.Column.desc(PgType.INT4)));
        assertTrue(Arrays.compareUnsigned(desc.encode(new Object[] {null}), desc.encode(new Object[] {5})) < 0,
                "NULLS FIRST by default for DESC");
    }

    @Test
    void prefixRangeCoversExactlyTheKeysWithThoseLeadingColumns() {
        KeyEncoder enc = new KeyEncoder(KeySpec.ascending(PgType.TEXT, PgType.INT4));
        byte[] low = enc.encodePrefix(new Object[] {"ab"});
        byte[] high = KeyEncoder.successor(low);
        for (Object[] k : List.of(new Object[] {"ab", null}, new Object[] {"ab", Integer.MIN_VALUE},
                new Object[] {"ab", Integer.MAX_VALUE})) {
            byte[] e = enc.encode(k);
            assertTrue(Arrays.compareUnsigned(low, e) <= 0 && Arrays.compareUnsigned(e, high) < 0);
        }
        for (Object[] k : List.of(new Object[] {"a", 1}, new Object[] {"ab\u0000", 1}, new Object[] {"abc", 1},
                new Object[] {null, 1})) {
            byte[] e = enc.encode(k);
            assertTrue(Arrays.compareUnsigned(e, low) < 0 || Arrays.compareUnsigned(e, high) >= 0, Arrays.toString(k));
        }
        assertNull(KeyEncoder.successor(new byte[] {(byte) 0xff, (byte) 0xff}));
    }
}
