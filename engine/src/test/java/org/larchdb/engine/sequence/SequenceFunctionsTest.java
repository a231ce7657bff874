package org.larchdb.engine.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

class SequenceFunctionsTest {

    @Test
    void namesParseLikeRegclassInput() {
        assertEquals(List.of("s"), SequenceFunctions.parseQualifiedName("S"));
        assertEquals(List.of("public", "s"), SequenceFunctions.parseQualifiedName(" public . S "));
        assertEquals(List.of("My Seq"), SequenceFunctions.parseQualifiedName("\"My Seq\""));
        assertEquals(List.of("a\"b"), SequenceFunctions.parseQualifiedName("\"a\"\"b\""));
        for (String bad : List.of("", "a.", ".a", "\"\"", "\"open", "a b")) {
            DbException e = assertThrows(DbException.class, () -> SequenceFunctions.parseQualifiedName(bad), bad);
            assertEquals(SqlState.INVALID_NAME, e.state());
        }
    }

    @Test
    void quoting() {
        assertEquals("t_id_seq", SequenceFunctions.quoteIdent("t_id_seq"));
        assertEquals("\"T\"", SequenceFunctions.quoteIdent("T"));
    }
}
