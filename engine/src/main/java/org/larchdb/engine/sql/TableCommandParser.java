package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.larchdb.engine.sql.UtilityStatement.QualifiedName;

/**
 * Parses TRUNCATE, COMMENT ON, the AS form of CREATE TABLE and LIKE clauses of CREATE TABLE, with
 * PostgreSQL's grammar (syntax errors name the offending token as gram.y reports it).
 */
final class TableCommandParser {
    /** The LIKE options of INCLUDING ALL, as PostgreSQL 15 lists them. */
    static final List<String> LIKE_OPTIONS = List.of("comments", "compression", "constraints", "defaults",
            "generated", "identity", "indexes", "statistics", "storage");

    private final String sql;
    private final TokenCursor in;

    TableCommandParser(String sql, TokenCursor in) {
        this.sql = sql;
        this.in = in;
    }

    /** TRUNCATE [TABLE] [ONLY] name [*] [, ...] [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]. */
    UtilityStatement.Truncate truncate() {
        in.expectWord("truncate");
        in.accept("table");
        List<QualifiedName> names = new ArrayList<>();
        do {
            if (!names.isEmpty()) {
                in.next();
            }
            in.accept("only"); // without inheritance ONLY changes nothing
            names.add(in.qualifiedName());
            if (in.peek().isSymbol("*")) {
                in.next();
            }
        } while (in.peek().isSymbol(","));
        boolean restart = false;
        if (in.accept("restart")) {
            in.expectWord("identity");
            restart = true;
        } else if (in.accept("continue")) {
            in.expectWord("identity");
        }
        boolean cascade = false;
        if (in.accept("cascade")) {
            cascade = true;
        } else {
            in.accept("restrict");
        }
        return new UtilityStatement.Truncate(names, restart, cascade);
    }

    /** COMMENT ON {TABLE | COLUMN | INDEX | SCHEMA | SEQUENCE | VIEW} name IS {'text' | NULL}. */
    UtilityStatement.Comment comment() {
        in.expectWord("comment");
        in.expectWord("on");
        Token kindToken = in.next();
        String kind = kindToken.text();
        if (kindToken.kind() != Token.Kind.IDENT) {
            throw UtilityParser.syntaxError(kindToken);
        }
        if (kind.equals("materialized") || kind.equals("foreign")) {
            in.expectWord(kind.equals("materialized") ? "view" : "table");
            throw org.larchdb.engine.error.DbException.notSupported("COMMENT ON " + TokenCursor.upper(kindToken)
                    + (kind.equals("materialized") ? " VIEW" : " TABLE"));
        }
        if (!List.of("table", "column", "index", "schema", "sequence", "view").contains(kind)) {
            if (List.of("function", "type", "role", "database", "constraint", "trigger", "domain", "extension",
                    "aggregate", "operator", "procedure", "rule", "policy", "collation", "conversion",
                    "tablespace", "language", "publication", "subscription", "server", "access", "cast",
                    "event", "large", "routine", "statistics", "text", "transform").contains(kind)) {
                throw org.larchdb.engine.error.DbException.notSupported("COMMENT ON " + TokenCursor.upper(kindToken));
            }
            throw UtilityParser.syntaxError(kindToken);
        }
        List<String> parts = new ArrayList<>();
        parts.add(in.name());
        while (in.peek().isSymbol(".")) {
            in.next();
            parts.add(in.name());
        }
        QualifiedName name;
        String column = null;
        if (kind.equals("column")) {
            if (parts.size() < 2 || parts.size() > 3) {
                throw new org.larchdb.engine.error.DbException(org.larchdb.engine.error.SqlState.SYNTAX_ERROR,
                        "column name must be qualified");
            }
            column = parts.get(parts.size() - 1);
            name = parts.size() == 3 ? new QualifiedName(parts.get(0), parts.get(1))
                    : new QualifiedName(null, parts.get(0));
        } else if (kind.equals("schema")) {
            if (parts.size() != 1) {
                throw UtilityParser.syntaxError(in.peek());
            }
            name = new QualifiedName(null, parts.get(0));
        } else {
            if (parts.size() > 2) {
                throw new org.larchdb.engine.error.DbException(org.larchdb.engine.error.SqlState.SYNTAX_ERROR,
                        "improper qualified name (too many dotted names): " + String.join(".", parts));
            }
            name = parts.size() == 2 ? new QualifiedName(parts.get(0), parts.get(1))
                    : new QualifiedName(null, parts.get(0));
        }
        in.expectWord("is");
        Token text = in.next();
        String value;
        if (text.kind() == Token.Kind.STRING) {
            value = text.text();
        } else if (text.is("null")) {
            value = null;
        } else {
            throw UtilityParser.syntaxError(text);
        }
        return new UtilityStatement.Comment(kind, name, column, value == null || value.isEmpty() ? null : value);
    }

    /**
     * The rest of CREATE TABLE ... AS after the table name: [(column names)] AS query [WITH [NO] DATA].
     * The caller checked that this is the AS form.
     */
    UtilityStatement.CreateTableAs createTableAs(QualifiedName name, boolean ifNotExists) {
        List<String> columnNames = new ArrayList<>();
        if (in.peek().isSymbol("(")) {
            in.next();
            do {
                if (!columnNames.isEmpty()) {
                    in.next();
                }
                columnNames.add(in.name());
            } while (in.peek().isSymbol(","));
            in.expectSymbol(")");
        }
        in.expectWord("as");
        Token first = in.peek();
        if (in.atEnd()) {
            throw UtilityParser.syntaxError(first);
        }
        int end = sql.length();
        boolean withData = true;
        // The tokens up to the end; a trailing WITH [NO] DATA belongs to CREATE TABLE, not the query.
        List<Token> rest = new ArrayList<>();
        while (!in.atEnd()) {
            rest.add(in.next());
        }
        int n = rest.size();
        while (n > 0 && rest.get(n - 1).isSymbol(";")) {
            n--;
        }
        if (n >= 2 && rest.get(n - 1).is("data") && rest.get(n - 2).is("with")) {
            end = rest.get(n - 2).position();
        } else if (n >= 3 && rest.get(n - 1).is("data") && rest.get(n - 2).is("no") && rest.get(n - 3).is("with")) {
            end = rest.get(n - 3).position();
            withData = false;
        }
        String query = sql.substring(first.position(), end).trim();
        return new UtilityStatement.CreateTableAs(name, ifNotExists, columnNames, query, first.position(), withData);
    }

    /** Whether the CREATE TABLE continuing at the cursor (just after the name) is the AS form. */
    static boolean isCreateTableAs(TokenCursor in) {
        if (in.peek().is("as")) {
            return true;
        }
        if (!in.peek().isSymbol("(")) {
            return false;
        }
        // "(a, b) AS": only names and commas between the parentheses.
        for (int i = 1; ; i += 2) {
            Token t = in.peekAt(i);
            if (t.kind() != Token.Kind.IDENT && t.kind() != Token.Kind.QUOTED_IDENT) {
                return false;
            }
            Token after = in.peekAt(i + 1);
            if (after.isSymbol(")")) {
                return in.peekAt(i + 2).is("as");
            }
            if (!after.isSymbol(",")) {
                return false;
            }
        }
    }

    /** LIKE source [{INCLUDING | EXCLUDING} {option | ALL}] ..., the columns to go at {@code position}. */
    UtilityStatement.LikeClause like(int position) {
        in.expectWord("like");
        QualifiedName source = in.qualifiedName();
        Set<String> including = new LinkedHashSet<>();
        while (in.peek().is("including") || in.peek().is("excluding")) {
            boolean include = in.next().is("including");
            Token option = in.next();
            List<String> options;
            if (option.is("all")) {
                options = LIKE_OPTIONS;
            } else if (option.kind() == Token.Kind.IDENT && LIKE_OPTIONS.contains(option.text())) {
                options = List.of(option.text());
            } else {
                throw UtilityParser.syntaxError(option);
            }
            if (include) {
                including.addAll(options);
            } else {
                including.removeAll(options);
            }
        }
        return new UtilityStatement.LikeClause(source, Set.copyOf(including), position);
    }
}
