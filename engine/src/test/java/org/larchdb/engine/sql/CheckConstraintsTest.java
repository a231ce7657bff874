package org.larchdb.engine.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.larchdb.engine.error.DbException;

/** Constraint naming and the parsing of CHECK, ALTER TABLE and schema statements. */
class CheckConstraintsTest {

    @Test
    void namesAreMadeAsPostgresMakesThem() {
        assertEquals("t_a_check", CheckConstraints.chooseConstraintName("t", "a", "check", n -> false));
        assertEquals("t_check2", CheckConstraints.chooseConstraintName("t", null, "check",
                n -> n.equals("t_check") || n.equals("t_check1")));
        String longTable = "x".repeat(60);
        String name = CheckConstraints.makeObjectName(longTable, "col", "check");
        assertEquals(63, name.length());
        assertEquals("x".repeat(53) + "_col_check", name);
        assertEquals("x".repeat(28) + "_" + "y".repeat(27) + "_check1",
                CheckConstraints.makeObjectName("x".repeat(40), "y".repeat(40), "check1"));
    }

    @Test
    void checkClausesAreParsed() {
        var create = (UtilityStatement.CreateTable) UtilityParser.tryParse(
                "CREATE TABLE t (a int CHECK (a > (1)) NOT NULL, CONSTRAINT c CHECK (a < 5) NOT VALID)");
        assertEquals(2, create.checks().size());
        assertEquals("a > (1)", create.checks().get(0).expression());
        assertEquals("c", create.checks().get(1).name());
        assertEquals(true, create.columns().get(0).notNull());
        DbException e = assertThrows(DbException.class,
                () -> UtilityParser.tryParse("CREATE TABLE t (a int, CHECK (a > 0) DEFERRABLE)"));
        assertEquals("CHECK constraints cannot be marked DEFERRABLE", e.getMessage());
    }

    @Test
    void alterTableAndSchemaStatementsAreParsed() {
        var alter = (UtilityStatement.AlterTable) UtilityParser.tryParse(
                "ALTER TABLE IF EXISTS s.t ADD CONSTRAINT x CHECK (a > 0) NOT VALID, DROP CONSTRAINT IF EXISTS y");
        assertEquals(new UtilityStatement.QualifiedName("s", "t"), alter.table());
        assertEquals(true, alter.ifExists());
        var add = assertInstanceOf(UtilityStatement.AddCheck.class, alter.actions().get(0));
        assertEquals(true, add.check().notValid());
        assertEquals(new UtilityStatement.DropConstraint("y", true), alter.actions().get(1));
        DbException e = assertThrows(DbException.class,
                () -> UtilityParser.tryParse("ALTER TABLE t RENAME CONSTRAINT a TO b"));
        assertEquals("ALTER TABLE ... RENAME CONSTRAINT is not supported", e.getMessage());
        assertEquals(new UtilityStatement.CreateSchema(null, false, "bob"),
                UtilityParser.tryParse("CREATE SCHEMA AUTHORIZATION bob"));
        assertEquals(new UtilityStatement.DropSchema(List.of("a", "b"), true, true),
                UtilityParser.tryParse("DROP SCHEMA IF EXISTS a, b CASCADE"));
    }
}
