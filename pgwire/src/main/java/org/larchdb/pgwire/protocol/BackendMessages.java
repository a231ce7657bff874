package org.larchdb.pgwire.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import org.larchdb.engine.Notice;
import org.larchdb.engine.ResultColumn;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.types.DataType;

/**
 * Encoders for the backend messages, each appending one complete message to {@code out}. Messages are
 * written in place (the length is patched in at the end), so a DataRow costs no intermediate arrays.
 */
public final class BackendMessages {
    /** Format codes of the protocol. */
    public static final short TEXT = 0;
    public static final short BINARY = 1;

    private BackendMessages() {
    }

    /** Starts a message of the given type; returns the length field's index for {@link #end}. */
    public static int begin(ByteBuf out, char type) {
        out.writeByte(type);
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        return lengthIndex;
    }

    /** Patches the length of the message started at {@code lengthIndex}. */
    public static void end(ByteBuf out, int lengthIndex) {
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex);
    }

    /** The single-byte answer to SSLRequest and GSSENCRequest: encryption not offered. */
    public static void encryptionRefused(ByteBuf out) {
        out.writeByte('N');
    }

    /** 'R': AuthenticationOk (0), AuthenticationSASL (10) and the rest: int32 code, then the payload. */
    public static void authentication(ByteBuf out, int code, byte[] payload) {
        int at = begin(out, 'R');
        out.writeInt(code);
        if (payload != null) {
            out.writeBytes(payload);
        }
        end(out, at);
    }

    /** 'v': the newest minor version we support (0) and the startup options we did not recognise. */
    public static void negotiateProtocolVersion(ByteBuf out, int newestMinor, List<String> unrecognizedOptions) {
        int at = begin(out, 'v');
        out.writeInt(newestMinor);
        out.writeInt(unrecognizedOptions.size());
        for (String option : unrecognizedOptions) {
            writeString(out, option);
        }
        end(out, at);
    }

    public static void parameterStatus(ByteBuf out, String name, String value) {
        int at = begin(out, 'S');
        writeString(out, name);
        writeString(out, value);
        end(out, at);
    }

    public static void backendKeyData(ByteBuf out, int processId, int secretKey) {
        int at = begin(out, 'K');
        out.writeInt(processId);
        out.writeInt(secretKey);
        end(out, at);
    }

    /** 'Z' with 'I' (idle), 'T' (in a transaction block) or 'E' (in a failed block). */
    public static void readyForQuery(ByteBuf out, char transactionStatus) {
        int at = begin(out, 'Z');
        out.writeByte(transactionStatus);
        end(out, at);
    }

    /**
     * 'T': one field per column: name, table OID, attribute number, type OID, typlen, typmod, format code.
     * {@code formats} holds one resolved format code per column.
     */
    public static void rowDescription(ByteBuf out, List<ResultColumn> columns, short[] formats) {
        int at = begin(out, 'T');
        out.writeShort(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn column = columns.get(i);
            DataType type = column.type();
            writeString(out, column.name());
            out.writeInt((int) column.tableOid());
            out.writeShort(column.columnNumber());
            out.writeInt(type.oid());
            out.writeShort(type.type().typlen());
            out.writeInt(type.typmod());
            out.writeShort(formats[i]);
        }
        end(out, at);
    }

    /** 't': the type OIDs of $1..$n. */
    public static void parameterDescription(ByteBuf out, List<DataType> parameterTypes) {
        int at = begin(out, 't');
        out.writeShort(parameterTypes.size());
        for (DataType type : parameterTypes) {
            out.writeInt(type.oid());
        }
        end(out, at);
    }

    /** Starts a DataRow ('D'); write each field with the {@code *Field} methods, then {@link #end}. */
    public static int beginDataRow(ByteBuf out, int fieldCount) {
        int at = begin(out, 'D');
        out.writeShort(fieldCount);
        return at;
    }

    public static void nullField(ByteBuf out) {
        out.writeInt(-1);
    }

    /** A text-format field, UTF-8 encoded straight into the buffer. */
    public static void textField(ByteBuf out, CharSequence value) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        int written = ByteBufUtil.writeUtf8(out, value);
        out.setInt(lengthIndex, written);
    }

    public static void binaryField(ByteBuf out, byte[] value) {
        out.writeInt(value.length);
        out.writeBytes(value);
    }

    /** 'C' with the command tag ("SELECT 3", "INSERT 0 1"). */
    public static void commandComplete(ByteBuf out, String tag) {
        int at = begin(out, 'C');
        writeString(out, tag);
        end(out, at);
    }

    public static void emptyQueryResponse(ByteBuf out) {
        end(out, begin(out, 'I'));
    }

    public static void parseComplete(ByteBuf out) {
        end(out, begin(out, '1'));
    }

    public static void bindComplete(ByteBuf out) {
        end(out, begin(out, '2'));
    }

    public static void closeComplete(ByteBuf out) {
        end(out, begin(out, '3'));
    }

    public static void noData(ByteBuf out) {
        end(out, begin(out, 'n'));
    }

    public static void portalSuspended(ByteBuf out) {
        end(out, begin(out, 's'));
    }

    /**
     * 'E': an error with every field PostgreSQL clients read: S and V severity, C code, M message,
     * D detail, H hint, P position (when {@code position > 0}, already relative to the whole query string).
     */
    public static void errorResponse(ByteBuf out, DbException error, int position) {
        String message = error.getMessage() == null ? error.state().code() : error.getMessage();
        writeNotice(out, 'E', error.severity().name(), error.state().code(), message, error.detail(),
                error.hint(), position);
    }

    /** 'N': a notice or warning raised while a statement ran. */
    public static void noticeResponse(ByteBuf out, Notice notice) {
        writeNotice(out, 'N', notice.severity(), notice.state().code(), notice.message(), notice.detail(),
                notice.hint(), 0);
    }

    private static void writeNotice(ByteBuf out, char type, String severity, String code, String message,
                                    String detail, String hint, int position) {
        int at = begin(out, type);
        field(out, 'S', severity);
        field(out, 'V', severity);
        field(out, 'C', code);
        field(out, 'M', message);
        if (detail != null) {
            field(out, 'D', detail);
        }
        if (hint != null) {
            field(out, 'H', hint);
        }
        if (position > 0) {
            field(out, 'P', Integer.toString(position));
        }
        out.writeByte(0);
        end(out, at);
    }

    private static void field(ByteBuf out, char code, String value) {
        out.writeByte(code);
        writeString(out, value);
    }

    /** A C string: UTF-8 bytes and a terminating zero. */
    public static void writeString(ByteBuf out, String value) {
        ByteBufUtil.writeUtf8(out, value);
        out.writeByte(0);
    }
}
