package org.larchdb.engine.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.catalog.SequenceInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.sql.SequenceOptions;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

class SequenceDefinitionTest {

    static SequenceOptions options(String type, Long increment, Long min, Long max, Long start) {
        return new SequenceOptions(type, increment, min, false, max, false, start, false, null, null, null, null);
    }

    @Test
    void defaultsFollowDirectionAndType() {
        SequenceInfo up = SequenceDefinition.define(SequenceOptions.NONE, null, DataType.INT8);
        assertEquals(List.of(1L, 1L, Long.MAX_VALUE, 1L, 1L), List.of(up.start(), up.increment(), up.max(), up.min(),
                up.cache()));
        SequenceInfo down = SequenceDefinition.define(options("smallint", -1L, null, null, null), null, DataType.INT8);
        assertEquals(PgType.INT2, down.type().type());
        assertEquals(-1L, down.max());
        assertEquals(-32768L, down.min());
        assertEquals(-1L, down.start());
    }

    @Test
    void checksUsePostgresMessages() {
        assertEquals("INCREMENT must not be zero", message(options(null, 0L, null, null, null)));
        assertEquals("MINVALUE (10) must be less than MAXVALUE (5)", message(options(null, null, 10L, 5L, null)));
        assertEquals("START value (0) cannot be less than MINVALUE (1)", message(options(null, null, null, null, 0L)));
        assertEquals("START value (9) cannot be greater than MAXVALUE (5)", message(options(null, null, null, 5L, 9L)));
        assertEquals("MAXVALUE (100000) is out of range for sequence data type smallint",
                message(options("smallint", null, null, 100000L, null)));
        assertEquals("sequence type must be smallint, integer, or bigint", message(options("text", null, null, null,
                null)));
    }

    @Test
    void alterKeepsWhatIsNotGivenAndResetsTypeDefaults() {
        SequenceInfo old = SequenceDefinition.define(options(null, 5L, null, null, 10L), null, DataType.INT8);
        SequenceInfo narrowed = SequenceDefinition.define(options("integer", null, null, null, null), old, null);
        assertEquals(Integer.MAX_VALUE, narrowed.max());
        assertEquals(5L, narrowed.increment());
        assertEquals(10L, narrowed.start());
        DbException e = assertThrows(DbException.class, () -> SequenceDefinition.checkRestart(0, old));
        assertEquals("RESTART value (0) cannot be less than MINVALUE (1)", e.getMessage());
    }

    private static String message(SequenceOptions o) {
        DbException e = assertThrows(DbException.class, () -> SequenceDefinition.define(o, null, DataType.INT8));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.state());
        return e.getMessage();
    }
}
