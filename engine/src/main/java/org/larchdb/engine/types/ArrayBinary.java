package org.larchdb.engine.types;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * array_send / array_recv: ndim, has-nulls flag, element type OID, (length, lower bound) per dimension, then
 * each element as a length (-1 for NULL) and the element type's binary form.
 */
final class ArrayBinary {
    private ArrayBinary() {
    }

    static byte[] encode(ArrayValue a, DataType arrayType) {
        DataType elementType = ArrayText.elementType(arrayType);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean hasNull = false;
        for (Object e : a.elements()) {
            hasNull |= e == null;
        }
        writeInt(out, a.ndims());
        writeInt(out, hasNull ? 1 : 0);
        writeInt(out, elementType.oid());
        for (int d = 0; d < a.ndims(); d++) {
            writeInt(out, a.dims()[d]);
            writeInt(out, a.lowerBounds()[d]);
        }
        for (Object e : a.elements()) {
            if (e == null) {
                writeInt(out, -1);
            } else {
                byte[] b = BinaryCodec.encode(e, elementType);
                writeInt(out, b.length);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }

    static ArrayValue decode(byte[] data, DataType arrayType) {
        DataType elementType = ArrayText.elementType(arrayType);
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            int ndims = in.getInt();
            in.getInt(); // has-nulls flag: the element lengths say it again
            int elementOid = in.getInt();
            if (ndims < 0 || ndims > 6) {
                throw new DbException(SqlState.INVALID_BINARY_REPRESENTATION,
                        "invalid number of dimensions: " + ndims);
            }
            if (elementOid != elementType.oid()) {
                throw new DbException(SqlState.DATATYPE_MISMATCH, "binary data has array element type "
                        + elementOid + " instead of expected " + elementType.type().sqlName());
            }
            if (ndims == 0) {
                return ArrayValue.EMPTY;
            }
            int[] dims = new int[ndims];
            int[] lbs = new int[ndims];
            long count = 1;
            for (int d = 0; d < ndims; d++) {
                dims[d] = in.getInt();
                lbs[d] = in.getInt();
                count *= dims[d];
            }
            if (count == 0) {
                return ArrayValue.EMPTY;
            }
            if (count > in.remaining() / 4) {
                throw new DbException(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
            }
            Object[] elements = new Object[(int) count];
            for (int i = 0; i < count; i++) {
                int len = in.getInt();
                if (len == -1) {
                    continue;
                }
                byte[] b = new byte[len];
                in.get(b);
                elements[i] = BinaryCodec.decode(b, elementType);
            }
            return new ArrayValue(dims, lbs, elements);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new DbException(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
        }
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
