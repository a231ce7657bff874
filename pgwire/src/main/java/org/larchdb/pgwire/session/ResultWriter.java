package org.larchdb.pgwire.session;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.larchdb.engine.ResultColumn;
import org.larchdb.engine.RowSink;
import org.larchdb.engine.types.BinaryCodec;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.TextCodec;
import org.larchdb.engine.types.TextFormat;
import org.larchdb.pgwire.protocol.BackendMessages;

/** Encodes each row the engine produces as a DataRow, in the portal's result formats, as it arrives. */
final class ResultWriter implements RowSink {
    private final ClientOutput output;
    private final DataType[] types;
    private final short[] formats;
    private final TextFormat textFormat;

    ResultWriter(ClientOutput output, List<ResultColumn> columns, short[] formats, TextFormat textFormat) {
        this.output = output;
        this.types = new DataType[columns == null ? 0 : columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = columns.get(i).type();
        }
        this.formats = formats;
        this.textFormat = textFormat;
    }

    @Override
    public void accept(Object[] row) {
        ByteBuf out = output.buffer();
        int at = BackendMessages.beginDataRow(out, row.length);
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (value == null) {
                BackendMessages.nullField(out);
            } else if (formats[i] == BackendMessages.BINARY) {
                BackendMessages.binaryField(out, BinaryCodec.encode(value, types[i]));
            } else {
                BackendMessages.textField(out, TextCodec.format(value, types[i], textFormat));
            }
        }
        BackendMessages.end(out, at);
        output.messageWritten();
    }

    /** Resolves the protocol's format-code list (empty = all text, one = for all, else one each) for n columns. */
    static short[] resolveFormats(short[] requested, int count) {
        short[] formats = new short[count];
        for (int i = 0; i < count; i++) {
            formats[i] = requested.length == 0 ? BackendMessages.TEXT
                    : requested.length == 1 ? requested[0] : requested[i];
        }
        return formats;
    }
}
