package org.larchdb.engine.types;

/** PostgreSQL's binary send/receive wire formats for every {@link PgType}. */
public final class BinaryCodec {
    private BinaryCodec() {
    }

    /** Decodes a non-null binary parameter value (typreceive); 22P03 on malformed input. */
    public static Object decode(byte[] data, DataType type) {
        throw new UnsupportedOperationException("filled in by the types work");
    }

    /** Encodes a non-null value in binary wire format (typsend). */
    public static byte[] encode(Object value, DataType type) {
        throw new UnsupportedOperationException("filled in by the types work");
    }
}
