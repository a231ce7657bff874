package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.error.DbException;

/**
 * The column and table forms of ALTER TABLE: ADD/DROP COLUMN, RENAME [COLUMN], RENAME TO,
 * ALTER COLUMN ... TYPE / SET DEFAULT / DROP DEFAULT / SET NOT NULL / DROP NOT NULL, OWNER TO.
 * The other ALTER COLUMN forms are refused with 0A000 naming them.
 */
final class AlterColumnParser {
    private final TokenCursor in;
    private final String table;

    AlterColumnParser(TokenCursor in, String table) {
        this.in = in;
        this.table = table;
    }

    /** Whether the action starting with {@code first}, {@code second} is one of this parser's. */
    static boolean handles(Token first, Token second) {
        return first.is("rename") && !second.is("constraint") || first.is("owner") && second.is("to")
                || first.is("alter") && !second.is("constraint");
    }

    /** ADD [COLUMN] [IF NOT EXISTS] definition, after ADD. */
    UtilityStatement.AddColumn addColumn() {
        in.accept("column");
        boolean ifNotExists = false;
        if (in.peek().is("if") && in.peekAt(1).is("not")) {
            in.next();
            in.next();
            in.expectWord("exists");
            ifNotExists = true;
        }
        List<UtilityStatement.CheckConstraint> checks = new ArrayList<>();
        UtilityStatement.ColumnDefinition def = UtilityParser.addedColumn(in, table, checks);
        return new UtilityStatement.AddColumn(def, ifNotExists, checks);
    }

    /** DROP [COLUMN] [IF EXISTS] name [RESTRICT | CASCADE], after DROP. */
    UtilityStatement.DropColumn dropColumn() {
        in.accept("column");
        boolean ifExists = in.ifExists();
        String name = in.name();
        boolean cascade = in.accept("cascade");
        if (!cascade) {
            in.accept("restrict");
        }
        return new UtilityStatement.DropColumn(name, ifExists, cascade);
    }

    /** RENAME ..., ALTER [COLUMN] ..., OWNER TO ... */
    UtilityStatement.AlterTableAction action() {
        Token t = in.next();
        if (t.is("owner")) {
            in.expectWord("to");
            return new UtilityStatement.OwnerTo(in.name());
        }
        if (t.is("rename")) {
            UtilityStatement.AlterTableAction rename;
            if (in.accept("to")) {
                rename = new UtilityStatement.RenameTable(in.name());
            } else {
                in.accept("column");
                String name = in.name();
                in.expectWord("to");
                rename = new UtilityStatement.RenameColumn(name, in.name());
            }
            if (!in.atEnd()) {
                throw UtilityParser.syntaxError(in.peek()); // RENAME stands alone, as in PostgreSQL's grammar
            }
            return rename;
        }
        in.accept("column");
        String column = in.name();
        Token verb = in.next();
        if (verb.is("type") || verb.is("set") && in.peek().is("data")) {
            if (verb.is("set")) {
                in.next();
                in.expectWord("type");
            }
            String typeName = UtilityParser.typeNameAt(in);
            if (in.peek().is("collate")) {
                throw DbException.notSupported("ALTER TABLE ... ALTER COLUMN ... TYPE ... COLLATE");
            }
            String using = null;
            int usingPosition = 0;
            if (in.accept("using")) {
                usingPosition = in.peek().position() + 1;
                using = expression();
            }
            return new UtilityStatement.AlterColumnType(column, typeName, using, usingPosition);
        }
        if (verb.is("set") && in.peek().is("default")) {
            in.next();
            return new UtilityStatement.AlterColumnDefault(column, expression());
        }
        if (verb.is("drop") && in.peek().is("default")) {
            in.next();
            return new UtilityStatement.AlterColumnDefault(column, null);
        }
        if ((verb.is("set") || verb.is("drop")) && in.peek().is("not")) {
            in.next();
            in.expectWord("null");
            return new UtilityStatement.AlterColumnNotNull(column, verb.is("set"));
        }
        if (verb.kind() == Token.Kind.END) {
            throw UtilityParser.syntaxError(verb);
        }
        throw DbException.notSupported("ALTER TABLE ... ALTER COLUMN ... " + TokenCursor.upper(verb)
                + (in.peek().kind() == Token.Kind.IDENT ? " " + TokenCursor.upper(in.peek()) : ""));
    }

    /** The text of an expression up to ',' at depth 0 or the end of the statement. */
    private String expression() {
        Token first = in.peek();
        int depth = 0;
        int end = first.position();
        while (!in.atEnd() && !(depth == 0 && in.peek().isSymbol(","))) {
            Token t = in.next();
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            end = in.peek().kind() == Token.Kind.END ? in.sql().length() : in.peek().position();
        }
        String text = in.sql().substring(first.position(), Math.min(end, in.sql().length())).trim();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).trim();
        }
        if (text.isEmpty()) {
            throw UtilityParser.syntaxError(first);
        }
        return text;
    }
}
