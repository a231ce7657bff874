package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.error.DbException;

/**
 * Parses CREATE SCHEMA, DROP SCHEMA and ALTER TABLE (the constraint forms LarchDB supports; the
 * other forms are refused with 0A000 naming them).
 */
final class DdlParser {
    private final TokenCursor in;
    /** The table of the ALTER TABLE being parsed, for ADD COLUMN's messages. */
    private String alteredTable;

    DdlParser(TokenCursor in) {
        this.in = in;
    }

    /** CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role] | CREATE SCHEMA AUTHORIZATION role. */
    UtilityStatement.CreateSchema createSchema() {
        in.expectWord("create");
        in.expectWord("schema");
        boolean ifNotExists = false;
        if (in.peek().is("if") && in.peekAt(1).is("not")) {
            in.next();
            in.next();
            in.expectWord("exists");
            ifNotExists = true;
        }
        String name = null;
        if (!in.peek().is("authorization")) {
            name = in.name();
        }
        String role = null;
        if (in.accept("authorization")) {
            role = in.name();
        }
        if (name == null && role == null) {
            throw UtilityParser.syntaxError(in.peek());
        }
        if (!in.atEnd()) {
            if (in.peek().is("create") || in.peek().is("grant")) {
                throw DbException.notSupported("CREATE SCHEMA with schema elements");
            }
            throw UtilityParser.syntaxError(in.peek());
        }
        return new UtilityStatement.CreateSchema(name, ifNotExists, role);
    }

    /** DROP SCHEMA [IF EXISTS] name [, ...] [CASCADE | RESTRICT]. */
    UtilityStatement.DropSchema dropSchema() {
        in.expectWord("drop");
        in.expectWord("schema");
        boolean ifExists = in.ifExists();
        List<String> names = new ArrayList<>();
        do {
            if (!names.isEmpty()) {
                in.next();
            }
            names.add(in.name());
        } while (in.peek().isSymbol(","));
        boolean cascade = in.accept("cascade");
        if (!cascade) {
            in.accept("restrict");
        }
        return new UtilityStatement.DropSchema(names, ifExists, cascade);
    }

    /** ALTER TABLE [IF EXISTS] [ONLY] name action [, ...]. */
    UtilityStatement.AlterTable alterTable() {
        in.expectWord("alter");
        in.expectWord("table");
        boolean ifExists = in.ifExists();
        in.accept("only");
        UtilityStatement.QualifiedName table = in.qualifiedName();
        alteredTable = table.name();
        if (in.peek().isSymbol("*")) {
            in.next();
        }
        List<UtilityStatement.AlterTableAction> actions = new ArrayList<>();
        do {
            if (!actions.isEmpty()) {
                in.next();
            }
            actions.add(action());
        } while (in.peek().isSymbol(","));
        return new UtilityStatement.AlterTable(table, ifExists, actions);
    }

    /** ADD [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols), without index options. */
    private UtilityStatement.AddKey keyConstraint(String name) {
        boolean primary = in.accept("primary");
        if (primary) {
            in.expectWord("key");
        } else {
            in.expectWord("unique");
        }
        if (in.peek().is("using")) {
            throw DbException.notSupported("ALTER TABLE ... ADD " + (primary ? "PRIMARY KEY" : "UNIQUE")
                    + " USING INDEX");
        }
        in.expectSymbol("(");
        List<String> columns = new ArrayList<>();
        do {
            if (!columns.isEmpty()) {
                in.next();
            }
            columns.add(in.name());
        } while (in.peek().isSymbol(","));
        in.expectSymbol(")");
        Token option = in.peek();
        if (option.is("include") || option.is("with") || option.is("using") || option.is("deferrable")
                || option.is("initially") || option.is("not")) {
            throw DbException.notSupported("constraint option " + TokenCursor.upper(option));
        }
        return new UtilityStatement.AddKey(new UtilityStatement.KeyConstraint(name, primary, columns));
    }

    private UtilityStatement.AlterTableAction action() {
        Token t = in.peek();
        if (t.is("add")) {
            in.next();
            String name = null;
            if (in.accept("constraint")) {
                name = in.name();
            }
            if (in.accept("check")) {
                return new UtilityStatement.AddCheck(in.check(name, true));
            }
            if (in.accept("foreign")) {
                return new UtilityStatement.AddForeignKey(new ForeignKeyParser(in).tableConstraint(name, true));
            }
            if (in.peek().is("primary") || in.peek().is("unique")) {
                return keyConstraint(name);
            }
            Token what = in.peek();
            if (what.is("exclude")) {
                throw DbException.notSupported("ALTER TABLE ... ADD " + TokenCursor.upper(what)
                        + (what.is("primary") ? " KEY" : ""));
            }
            if (name != null) {
                throw UtilityParser.syntaxError(what);
            }
            return new AlterColumnParser(in, alteredTable).addColumn(); // ADD [COLUMN] definition
        }
        if (t.is("drop")) {
            in.next();
            if (in.accept("constraint")) {
                boolean ifExists = in.ifExists();
                String name = in.name();
                boolean cascade = !in.accept("restrict") && in.accept("cascade"); // foreign keys depend on keys
                return new UtilityStatement.DropConstraint(name, ifExists, cascade);
            }
            return new AlterColumnParser(in, alteredTable).dropColumn();
        }
        if (AlterColumnParser.handles(t, in.peekAt(1))) {
            return new AlterColumnParser(in, alteredTable).action();
        }
        if (t.kind() == Token.Kind.END) {
            throw UtilityParser.syntaxError(t);
        }
        StringBuilder form = new StringBuilder("ALTER TABLE ... ").append(TokenCursor.upper(t));
        Token second = in.peekAt(1);
        if (second.is("column") || second.is("constraint") || second.is("to") || second.is("schema")
                || second.is("tablespace") || second.is("logged") || second.is("unlogged") || second.is("trigger")) {
            form.append(' ').append(TokenCursor.upper(second));
        }
        throw DbException.notSupported(form.toString());
    }
}
