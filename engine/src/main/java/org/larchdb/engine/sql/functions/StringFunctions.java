package org.larchdb.engine.sql.functions;

import static org.larchdb.engine.sql.functions.FunctionSignature.of;
import static org.larchdb.engine.sql.functions.FunctionSignature.variadic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.types.DataType;

/** String functions, counting characters (code points) as PostgreSQL does in UTF-8 databases. */
final class StringFunctions {
    private StringFunctions() {
    }

    private static final DataType T = DataType.TEXT;
    private static final DataType I = DataType.INT4;

    static void register(List<FunctionSignature> out) {
        out.add(of("lower", T, true, (a, c) -> s(a[0]).toLowerCase(Locale.ROOT), T));
        out.add(of("upper", T, true, (a, c) -> s(a[0]).toUpperCase(Locale.ROOT), T));
        out.add(of("initcap", T, true, (a, c) -> initcap(s(a[0])), T));
        for (String n : List.of("length", "char_length", "character_length")) {
            out.add(of(n, I, true, (a, c) -> len(s(a[0])), T));
        }
        out.add(of("length", I, true, (a, c) -> ((byte[]) a[0]).length, DataType.BYTEA));
        out.add(of("octet_length", I, true, (a, c) -> s(a[0]).getBytes(StandardCharsets.UTF_8).length, T));
        out.add(of("octet_length", I, true, (a, c) -> ((byte[]) a[0]).length, DataType.BYTEA));
        for (String n : List.of("substr", "substring")) {
            out.add(of(n, T, true, (a, c) -> substring(s(a[0]), (Integer) a[1], null), T, I));
            out.add(of(n, T, true, (a, c) -> substring(s(a[0]), (Integer) a[1], (Integer) a[2]), T, I, I));
        }
        out.add(of("strpos", I, true, (a, c) -> strpos(s(a[0]), s(a[1])), T, T));
        out.add(of("position", I, true, (a, c) -> strpos(s(a[1]), s(a[0])), T, T));
        out.add(of("btrim", T, true, (a, c) -> trim(s(a[0]), " ", true, true), T));
        out.add(of("btrim", T, true, (a, c) -> trim(s(a[0]), s(a[1]), true, true), T, T));
        out.add(of("ltrim", T, true, (a, c) -> trim(s(a[0]), " ", true, false), T));
        out.add(of("ltrim", T, true, (a, c) -> trim(s(a[0]), s(a[1]), true, false), T, T));
        out.add(of("rtrim", T, true, (a, c) -> trim(s(a[0]), " ", false, true), T));
        out.add(of("rtrim", T, true, (a, c) -> trim(s(a[0]), s(a[1]), false, true), T, T));
        out.add(of("replace", T, true, (a, c) -> s(a[1]).isEmpty() ? s(a[0]) : s(a[0]).replace(s(a[1]), s(a[2])),
                T, T, T));
        out.add(of("lpad", T, true, (a, c) -> pad(s(a[0]), (Integer) a[1], " ", true), T, I));
        out.add(of("lpad", T, true, (a, c) -> pad(s(a[0]), (Integer) a[1], s(a[2]), true), T, I, T));
        out.add(of("rpad", T, true, (a, c) -> pad(s(a[0]), (Integer) a[1], " ", false), T, I));
        out.add(of("rpad", T, true, (a, c) -> pad(s(a[0]), (Integer) a[1], s(a[2]), false), T, I, T));
        out.add(of("left", T, true, (a, c) -> left(s(a[0]), (Integer) a[1]), T, I));
        out.add(of("right", T, true, (a, c) -> right(s(a[0]), (Integer) a[1]), T, I));
        out.add(of("repeat", T, true, (a, c) -> (Integer) a[1] <= 0 ? "" : s(a[0]).repeat((Integer) a[1]), T, I));
        out.add(of("reverse", T, true, (a, c) -> new StringBuilder(s(a[0])).reverse().toString(), T));
        out.add(of("split_part", T, true, (a, c) -> splitPart(s(a[0]), s(a[1]), (Integer) a[2]), T, T, I));
        out.add(variadic("concat", T, false, (a, c) -> concat("", a, 0), new DataType[0]));
        out.add(variadic("concat_ws", T, false, (a, c) -> a[0] == null ? null : concat(s(a[0]), a, 1), T));
        out.add(of("format", T, true, (a, c) -> TextFormatFunction.format(a), T));
        out.add(variadic("format", T, false, (a, c) -> a[0] == null ? null : TextFormatFunction.format(a), T));
        out.add(of("quote_ident", T, true, (a, c) -> TextFormatFunction.quoteIdent(s(a[0])), T));
        out.add(of("quote_literal", T, true, (a, c) -> TextFormatFunction.quoteLiteral(s(a[0])), T));
        out.add(of("md5", T, true, (a, c) -> md5(s(a[0]).getBytes(StandardCharsets.UTF_8)), T));
        out.add(of("md5", T, true, (a, c) -> md5((byte[]) a[0]), DataType.BYTEA));
        out.add(of("chr", T, true, (a, c) -> chr((Integer) a[0]), I));
        out.add(of("ascii", I, true, (a, c) -> s(a[0]).isEmpty() ? 0 : s(a[0]).codePointAt(0), T));
        out.add(of("starts_with", DataType.BOOL, true, (a, c) -> s(a[0]).startsWith(s(a[1])), T, T));
        out.add(of("regexp_replace", T, true, (a, c) -> RegexFunctions.replace(s(a[0]), s(a[1]), s(a[2]), ""),
                T, T, T));
        out.add(of("regexp_replace", T, true, (a, c) -> RegexFunctions.replace(s(a[0]), s(a[1]), s(a[2]), s(a[3])),
                T, T, T, T));
    }

    private static String s(Object o) {
        return (String) o;
    }

    private static int len(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Code points of a string, so positions count characters, not UTF-16 units. */
    private static int[] cps(String s) {
        return s.codePoints().toArray();
    }

    private static String str(int[] cps, int from, int to) {
        return new String(cps, from, Math.max(0, to - from));
    }

    static String initcap(String s) {
        StringBuilder sb = new StringBuilder();
        boolean inWord = false;
        for (int cp : cps(s)) {
            sb.appendCodePoint(inWord ? Character.toLowerCase(cp) : Character.toUpperCase(cp));
            inWord = Character.isLetterOrDigit(cp);
        }
        return sb.toString();
    }

    /** substring(s, start [, count]) with SQL's rules: positions before 1 count toward the length. */
    static String substring(String s, int start, Integer count) {
        int[] cp = cps(s);
        long end;
        if (count == null) {
            end = Long.MAX_VALUE;
        } else {
            if (count < 0) {
                throw new DbException(SqlState.SUBSTRING_ERROR, "negative substring length not allowed");
            }
            end = (long) start + count;
        }
        long from = Math.max(start, 1);
        long to = Math.min(end, cp.length + 1L);
        return from >= to ? "" : str(cp, (int) from - 1, (int) to - 1);
    }

    static int strpos(String s, String sub) {
        int i = s.indexOf(sub);
        return i < 0 ? 0 : s.codePointCount(0, i) + 1;
    }

    static String trim(String s, String chars, boolean leading, boolean trailing) {
        int[] cp = cps(s);
        int[] set = cps(chars);
        int from = 0;
        int to = cp.length;
        while (leading && from < to && contains(set, cp[from])) {
            from++;
        }
        while (trailing && to > from && contains(set, cp[to - 1])) {
            to--;
        }
        return str(cp, from, to);
    }

    private static boolean contains(int[] set, int c) {
        for (int x : set) {
            if (x == c) {
                return true;
            }
        }
        return false;
    }

    static String pad(String s, int length, String fill, boolean left) {
        int[] cp = cps(s);
        if (length <= 0) {
            return "";
        }
        if (cp.length >= length) {
            return str(cp, 0, length);
        }
        int[] f = cps(fill);
        if (f.length == 0) {
            return s;
        }
        StringBuilder padding = new StringBuilder();
        for (int i = 0; i < length - cp.length; i++) {
            padding.appendCodePoint(f[i % f.length]);
        }
        return left ? padding + s : s + padding;
    }

    static String left(String s, int n) {
        int[] cp = cps(s);
        int k = n >= 0 ? Math.min(n, cp.length) : Math.max(0, cp.length + n);
        return str(cp, 0, k);
    }

    static String right(String s, int n) {
        int[] cp = cps(s);
        int k = n >= 0 ? Math.min(n, cp.length) : Math.max(0, cp.length + n);
        return str(cp, cp.length - k, cp.length);
    }

    static String splitPart(String s, String delimiter, int field) {
        if (field == 0) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        List<String> parts;
        if (delimiter.isEmpty()) {
            parts = s.isEmpty() ? List.of() : List.of(s);
        } else if (s.isEmpty()) {
            parts = List.of();
        } else {
            parts = List.of(s.split(java.util.regex.Pattern.quote(delimiter), -1));
        }
        int index = field > 0 ? field - 1 : parts.size() + field;
        return index >= 0 && index < parts.size() ? parts.get(index) : "";
    }

    private static String concat(String separator, Object[] args, int first) {
        StringBuilder sb = new StringBuilder();
        boolean any = false;
        for (int i = first; i < args.length; i++) {
            if (args[i] != null) {
                if (any) {
                    sb.append(separator);
                }
                sb.append((String) args[i]);
                any = true;
            }
        }
        return sb.toString();
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw DbException.internal("MD5 is not available", e);
        }
    }

    static String chr(int code) {
        if (code == 0) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
        }
        if (code < 0 || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested character too large for encoding: "
                    + code);
        }
        return new String(Character.toChars(code));
    }
}
