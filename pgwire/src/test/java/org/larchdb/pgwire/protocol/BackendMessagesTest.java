package org.larchdb.pgwire.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.larchdb.engine.Notice;
import org.larchdb.engine.ResultColumn;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.types.DataType;
import org.junit.jupiter.api.Test;

class BackendMessagesTest {

    /** Builds the expected bytes of one message the long way, independently of the encoder. */
    private static final class Expected {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(body);

        Expected int32(int v) throws IOException {
            out.writeInt(v);
            return this;
        }

        Expected int16(int v) throws IOException {
            out.writeShort(v);
            return this;
        }

        Expected cstring(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            return this;
        }

        Expected bytes(byte[] b) throws IOException {
            out.write(b);
            return this;
        }

        byte[] message(char type) {
            byte[] b = body.toByteArray();
            ByteBuf m = Unpooled.buffer();
            m.writeByte(type).writeInt(b.length + 4).writeBytes(b);
            return ByteBufUtil.getBytes(m);
        }
    }

    private static byte[] bytes(ByteBuf buf) {
        return ByteBufUtil.getBytes(buf);
    }

    @Test
    void rowDescription() throws IOException {
        ByteBuf out = Unpooled.buffer();
        BackendMessages.rowDescription(out, List.of(
                new ResultColumn("id", DataType.INT4, 16384, 1),
                ResultColumn.computed("name", DataType.varchar(20))), new short[] {0, 1});
        byte[] expected = new Expected().int16(2)
                .cstring("id").int32(16384).int16(1).int32(23).int16(4).int32(-1).int16(0)
                .cstring("name").int32(0).int16(0).int32(1043).int16(-1).int32(24).int16(1)
                .message('T');
        assertArrayEquals(expected, bytes(out));
    }

    @Test
    void dataRowWithNullTextAndBinaryFields() throws IOException {
        ByteBuf out = Unpooled.buffer();
        int at = BackendMessages.beginDataRow(out, 3);
        BackendMessages.nullField(out);
        BackendMessages.textField(out, "héllo");
        BackendMessages.binaryField(out, new byte[] {0, 0, 0, 5});
        BackendMessages.end(out, at);
        byte[] expected = new Expected().int16(3).int32(-1)
                .int32(6).bytes("héllo".getBytes(StandardCharsets.UTF_8))
                .int32(4).bytes(new byte[] {0, 0, 0, 5})
                .message('D');
        assertArrayEquals(expected, bytes(out));
    }

    @Test
    void errorResponseCarriesEveryField() throws IOException {
        ByteBuf out = Unpooled.buffer();
        DbException error = new DbException(SqlState.UNDEFINED_TABLE, "relation \"t\" does not exist")
                .withDetail("some detail").withHint("some hint");
        BackendMessages.errorResponse(out, error, 15);
        byte[] expected = new Expected()
                .bytes(new byte[] {'S'}).cstring("ERROR")
                .bytes(new byte[] {'V'}).cstring("ERROR")
                .bytes(new byte[] {'C'}).cstring("42P01")
                .bytes(new byte[] {'M'}).cstring("relation \"t\" does not exist")
                .bytes(new byte[] {'D'}).cstring("some detail")
                .bytes(new byte[] {'H'}).cstring("some hint")
                .bytes(new byte[] {'P'}).cstring("15")
                .bytes(new byte[] {0})
                .message('E');
        assertArrayEquals(expected, bytes(out));
    }

    @Test
    void fatalErrorWithoutOptionalFields() throws IOException {
        ByteBuf out = Unpooled.buffer();
        BackendMessages.errorResponse(out, new DbException(SqlState.TOO_MANY_CONNECTIONS,
                "sorry, too many clients already").withSeverity(DbException.Severity.FATAL), 0);
        byte[] expected = new Expected()
                .bytes(new byte[] {'S'}).cstring("FATAL")
                .bytes(new byte[] {'V'}).cstring("FATAL")
                .bytes(new byte[] {'C'}).cstring("53300")
                .bytes(new byte[] {'M'}).cstring("sorry, too many clients already")
                .bytes(new byte[] {0})
                .message('E');
        assertArrayEquals(expected, bytes(out));
    }

    @Test
    void noticeResponse() throws IOException {
        ByteBuf out = Unpooled.buffer();
        BackendMessages.noticeResponse(out, Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                "table \"t\" does not exist, skipping"));
        byte[] expected = new Expected()
                .bytes(new byte[] {'S'}).cstring("NOTICE")
                .bytes(new byte[] {'V'}).cstring("NOTICE")
                .bytes(new byte[] {'C'}).cstring("00000")
                .bytes(new byte[] {'M'}).cstring("table \"t\" does not exist, skipping")
                .bytes(new byte[] {0})
                .message('N');
        assertArrayEquals(expected, bytes(out));
    }

    @Test
    void smallMessages() throws IOException {
        ByteBuf out = Unpooled.buffer();
        BackendMessages.readyForQuery(out, 'T');
        assertArrayEquals(new byte[] {'Z', 0, 0, 0, 5, 'T'}, bytes(out));
        out.clear();
        BackendMessages.authentication(out, 0, null);
        assertArrayEquals(new byte[] {'R', 0, 0, 0, 8, 0, 0, 0, 0}, bytes(out));
        out.clear();
        BackendMessages.commandComplete(out, "INSERT 0 1");
        assertArrayEquals(new Expected().cstring("INSERT 0 1").message('C'), bytes(out));
        out.clear();
        BackendMessages.parameterStatus(out, "TimeZone", "UTC");
        assertArrayEquals(new Expected().cstring("TimeZone").cstring("UTC").message('S'), bytes(out));
        out.clear();
        BackendMessages.backendKeyData(out, 7, -1);
        assertArrayEquals(new Expected().int32(7).int32(-1).message('K'), bytes(out));
        out.clear();
        BackendMessages.parameterDescription(out, List.of(DataType.INT8, DataType.TEXT));
        assertArrayEquals(new Expected().int16(2).int32(20).int32(25).message('t'), bytes(out));
        out.clear();
        BackendMessages.noData(out);
        BackendMessages.portalSuspended(out);
        BackendMessages.emptyQueryResponse(out);
        assertArrayEquals(new byte[] {'n', 0, 0, 0, 4, 's', 0, 0, 0, 4, 'I', 0, 0, 0, 4}, bytes(out));
        out.clear();
        BackendMessages.negotiateProtocolVersion(out, 0, List.of("_pq_.x"));
        assertArrayEquals(new Expected().int32(0).int32(1).cstring("_pq_.x").message('v'), bytes(out));
        out.clear();
        BackendMessages.authentication(out, 10, "SCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII));
        assertEquals(4 + 4 + 15, out.getInt(1));
    }
}
