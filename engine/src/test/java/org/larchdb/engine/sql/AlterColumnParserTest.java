package org.larchdb.engine.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;

/** ALTER TABLE's column forms as parsed, and the rename of a column inside expression text. */
class AlterColumnParserTest {

    private static List<UtilityStatement.AlterTableAction> actions(String sql) {
        return ((UtilityStatement.AlterTable) UtilityParser.tryParse(sql)).actions();
    }

    @Test
    void columnFormsAreParsed() {
        var add = (UtilityStatement.AddColumn) actions("ALTER TABLE t ADD COLUMN IF NOT EXISTS c numeric(5,2) "
                + "DEFAULT 1 + 2 NOT NULL CHECK (c > 0)").get(0);
        assertEquals(true, add.ifNotExists());
        assertEquals(new UtilityStatement.ColumnDefinition("c", "numeric(5,2)", true, "1 + 2"), add.column());
        assertEquals("c > 0", add.checks().get(0).expression());
        assertEquals(List.of(new UtilityStatement.DropColumn("a", true, true),
                new UtilityStatement.AlterColumnDefault("b", "now() + interval '1 day'"),
                new UtilityStatement.AlterColumnDefault("b", null),
                new UtilityStatement.AlterColumnNotNull("c", true),
                new UtilityStatement.AlterColumnNotNull("c", false),
                new UtilityStatement.OwnerTo("bob")),
                actions("ALTER TABLE t DROP COLUMN IF EXISTS a CASCADE, ALTER b SET DEFAULT now() + interval '1 day', "
                        + "ALTER COLUMN b DROP DEFAULT, ALTER c SET NOT NULL, ALTER COLUMN c DROP NOT NULL, OWNER TO bob"));
        var type = (UtilityStatement.AlterColumnType) actions("ALTER TABLE t ALTER a SET DATA TYPE character "
                + "varying(3) USING substr(a, 1, 3), ALTER b TYPE int").get(0);
        assertEquals("character varying(3)", type.typeName());
        assertEquals("substr(a, 1, 3)", type.using());
        assertEquals(List.of(new UtilityStatement.RenameColumn("a", "b")), actions("ALTER TABLE t RENAME a TO b"));
        assertEquals(List.of(new UtilityStatement.RenameTable("u")), actions("ALTER TABLE t RENAME TO u"));
    }

    @Test
    void malformedAndUnsupportedForms() {
        DbException e = assertThrows(DbException.class,
                () -> UtilityParser.tryParse("ALTER TABLE t RENAME a TO b, ADD c int"));
        assertEquals("syntax error at or near \",\"", e.getMessage());
        e = assertThrows(DbException.class, () -> UtilityParser.tryParse("ALTER TABLE t ALTER a SET STATISTICS 1"));
        assertEquals("0A000", e.state().code());
        e = assertThrows(DbException.class, () -> UtilityParser.tryParse("ALTER TABLE t ADD c int PRIMARY KEY"));
        assertEquals("0A000", e.state().code());
        e = assertThrows(DbException.class, () -> UtilityParser.tryParse("ALTER TABLE t DROP COLUMN"));
        assertEquals("syntax error at end of input", e.getMessage());
    }

    @Test
    void renameColumnInExpressionText() {
        assertEquals("(b > 0) AND (\"New\" < a)", AlteredColumns.renameColumn("(b > 0) AND (x < a)", "x", "New"));
        assertEquals("y + \"X\"", AlteredColumns.renameColumn("y + \"X\"", "x", "z"));
        assertEquals("z + abs(z) + t.z", AlteredColumns.renameColumn("\"x\" + abs(X) + t.x", "x", "z"));
    }
}
