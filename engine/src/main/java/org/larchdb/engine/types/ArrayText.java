package org.larchdb.engine.types;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/** array_in / array_out: the text form {@code {1,2,NULL,"a b"}}, nested braces for more dimensions. */
public final class ArrayText {
    private ArrayText() {
    }

    /** MAXDIM. */
    static final int MAX_DIMS = 6;

    /** Parses array text input; each element goes through the element type's input function. */
    public static ArrayValue parse(String text, DataType arrayType, TextFormat format) {
        DataType elementType = elementType(arrayType);
        return new Reader(text, elementType, format).read();
    }

    /** The element type of an array type, keeping its type modifier (varchar(10)[] has varchar(10) elements). */
    public static DataType elementType(DataType arrayType) {
        return new DataType(arrayType.type().element(), arrayType.typmod());
    }

    /** The array type over an element type, or null when there is none. */
    public static DataType arrayOf(DataType elementType) {
        PgType a = elementType.type().arrayType();
        return a == null ? null : new DataType(a, elementType.typmod());
    }

    public static String format(ArrayValue a, DataType arrayType, TextFormat format) {
        DataType elementType = elementType(arrayType);
        StringBuilder sb = new StringBuilder();
        if (a.ndims() == 0) {
            return "{}";
        }
        boolean defaultBounds = true;
        for (int lb : a.lowerBounds()) {
            defaultBounds &= lb == 1;
        }
        if (!defaultBounds) {
            for (int d = 0; d < a.ndims(); d++) {
                sb.append('[').append(a.lowerBounds()[d]).append(':')
                        .append(a.lowerBounds()[d] + a.dims()[d] - 1).append(']');
            }
            sb.append('=');
        }
        int[] index = {0};
        formatDim(sb, a, 0, index, elementType, format);
        return sb.toString();
    }

    private static void formatDim(StringBuilder sb, ArrayValue a, int dim, int[] index, DataType elementType,
                                  TextFormat format) {
        sb.append('{');
        for (int i = 0; i < a.dims()[dim]; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (dim + 1 < a.ndims()) {
                formatDim(sb, a, dim + 1, index, elementType, format);
            } else {
                Object e = a.elements()[index[0]++];
                if (e == null) {
                    sb.append("NULL");
                } else {
                    appendElement(sb, TextCodec.format(e, elementType, format));
                }
            }
        }
        sb.append('}');
    }

    private static void appendElement(StringBuilder sb, String s) {
        boolean quote = s.isEmpty() || s.equalsIgnoreCase("NULL");
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || c == ' ' || c == '\t' || c == '\n'
                    || c == '\r' || c == '\f' || c == 0x0b;
        }
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    private static final class Reader {
        private final String text;
        private final DataType elementType;
        private final TextFormat format;
        private int pos;

        Reader(String text, DataType elementType, TextFormat format) {
            this.text = text;
            this.elementType = elementType;
            this.format = format;
        }

        ArrayValue read() {
            skipSpace();
            int[] explicitLower = null;
            int[] explicitUpper = null;
            if (pos < text.length() && text.charAt(pos) == '[') {
                List<int[]> bounds = new ArrayList<>();
                while (pos < text.length() && text.charAt(pos) == '[') {
                    int close = text.indexOf(']', pos);
                    if (close < 0) {
                        throw malformed("Missing \"]\" after array dimensions.");
                    }
                    String spec = text.substring(pos + 1, close);
                    int colon = spec.indexOf(':');
                    try {
                        int lo = colon < 0 ? 1 : Integer.parseInt(spec.substring(0, colon).strip());
                        int hi = Integer.parseInt(spec.substring(colon + 1).strip());
                        if (hi < lo) {
                            throw new DbException(SqlState.ARRAY_SUBSCRIPT_ERROR,
                                    "upper bound cannot be less than lower bound");
                        }
                        bounds.add(new int[] {lo, hi});
                    } catch (NumberFormatException e) {
                        throw malformed("\"[\" must introduce explicitly-specified array dimensions.");
                    }
                    pos = close + 1;
                }
                skipSpace();
                if (pos >= text.length() || text.charAt(pos) != '=') {
                    throw malformed("Missing \"=\" after array dimensions.");
                }
                pos++;
                skipSpace();
                explicitLower = new int[bounds.size()];
                explicitUpper = new int[bounds.size()];
                for (int i = 0; i < bounds.size(); i++) {
                    explicitLower[i] = bounds.get(i)[0];
                    explicitUpper[i] = bounds.get(i)[1];
                }
            }
            if (pos >= text.length() || text.charAt(pos) != '{') {
                throw malformed("Array value must start with \"{\" or dimension information.");
            }
            int[] dimLen = new int[MAX_DIMS + 1];
            java.util.Arrays.fill(dimLen, -1);
            List<Object> elements = new ArrayList<>();
            readLevel(0, dimLen, elements);
            skipSpace();
            if (pos < text.length()) {
                throw malformed("Junk after closing right brace.");
            }
            if (elements.isEmpty()) {
                return ArrayValue.EMPTY;
            }
            int n = 0;
            while (n < dimLen.length && dimLen[n] >= 0) {
                n++;
            }
            int[] d = java.util.Arrays.copyOf(dimLen, n);
            int[] lb = new int[d.length];
            java.util.Arrays.fill(lb, 1);
            if (explicitLower != null) {
                if (explicitLower.length != d.length) {
                    throw malformed("Specified array dimensions do not match array contents.");
                }
                for (int i = 0; i < d.length; i++) {
                    if (explicitUpper[i] - explicitLower[i] + 1 != d[i]) {
                        throw malformed("Specified array dimensions do not match array contents.");
                    }
                }
                lb = explicitLower;
            }
            return new ArrayValue(d, lb, elements.toArray());
        }

        /** Reads one brace level at {@code pos} (which is '{'), recording its length in {@code dims}. */
        private int leafLevel = -1;

        private void readLevel(int level, int[] dimLen, List<Object> out) {
            if (level >= MAX_DIMS) {
                throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions ("
                        + (level + 1) + ") exceeds the maximum allowed (" + MAX_DIMS + ")");
            }
            pos++; // '{'
            int count = 0;
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '}') {
                pos++;
                if (level > 0) {
                    throw malformed("Multidimensional arrays must have sub-arrays with matching dimensions.");
                }
                return;
            }
            Boolean nested = null;
            while (true) {
                skipSpace();
                if (pos >= text.length()) {
                    throw malformed("Unexpected end of input.");
                }
                char c = text.charAt(pos);
                if (c == '{') {
                    if (nested == Boolean.FALSE) {
                        throw malformed("Unexpected \"{\" character.");
                    }
                    nested = true;
                    readLevel(level + 1, dimLen, out);
                } else {
                    if (nested == Boolean.TRUE) {
                        throw malformed("Unexpected array element.");
                    }
                    nested = false;
                    if (leafLevel >= 0 && leafLevel != level) {
                        throw malformed("Multidimensional arrays must have sub-arrays with matching dimensions.");
                    }
                    leafLevel = level;
                    out.add(readElement());
                }
                count++;
                skipSpace();
                if (pos >= text.length()) {
                    throw malformed("Unexpected end of input.");
                }
                c = text.charAt(pos);
                if (c == ',') {
                    pos++;
                    continue;
                }
                if (c == '}') {
                    pos++;
                    break;
                }
                throw malformed("Unexpected \"" + c + "\" character.");
            }
            if (dimLen[level] < 0) {
                dimLen[level] = count;
            } else if (dimLen[level] != count) {
                throw malformed("Multidimensional arrays must have sub-arrays with matching dimensions.");
            }
        }

        private Object readElement() {
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            int lastSignificant = 0;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '"') {
                    quoted = true;
                    pos++;
                    while (true) {
                        if (pos >= text.length()) {
                            throw malformed("Unexpected end of input.");
                        }
                        char q = text.charAt(pos++);
                        if (q == '"') {
                            break;
                        }
                        if (q == '\\') {
                            if (pos >= text.length()) {
                                throw malformed("Unexpected end of input.");
                            }
                            q = text.charAt(pos++);
                        }
                        sb.append(q);
                    }
                    lastSignificant = sb.length();
                    continue;
                }
                if (c == ',' || c == '}') {
                    break;
                }
                if (c == '{') {
                    throw malformed("Unexpected \"{\" character.");
                }
                if (c == '\\') {
                    pos++;
                    if (pos >= text.length()) {
                        throw malformed("Unexpected end of input.");
                    }
                    sb.append(text.charAt(pos++));
                    lastSignificant = sb.length();
                    continue;
                }
                sb.append(c);
                pos++;
                if (!Character.isWhitespace(c)) {
                    lastSignificant = sb.length();
                }
            }
            String s = sb.substring(0, lastSignificant);
            if (s.isEmpty() && !quoted) {
                throw malformed("Unexpected \"" + (pos < text.length() ? text.charAt(pos) : ' ') + "\" character.");
            }
            if (!quoted && s.equalsIgnoreCase("NULL")) {
                return null;
            }
            return TextCodec.parse(s, elementType, format);
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private DbException malformed(String detail) {
            return new DbException(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"")
                    .withDetail(detail);
        }
    }
}
