package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.error.DbException;

/**
 * Parses CREATE [OR REPLACE] VIEW and DROP VIEW. The view's query is kept as the text after AS; the
 * analyzer parses it (with JSqlParser, like any query) and checks it.
 */
final class ViewParser {
    private final TokenCursor in;
    private final String sql;

    ViewParser(TokenCursor in, String sql) {
        this.in = in;
        this.sql = sql;
    }

    /** Whether the tokens start CREATE [OR REPLACE] [TEMP|TEMPORARY] [RECURSIVE] VIEW. */
    static boolean isCreateView(List<Token> tokens) {
        int i = 1;
        if (at(tokens, i).is("or") && at(tokens, i + 1).is("replace")) {
            i += 2;
        }
        if (at(tokens, i).is("temp") || at(tokens, i).is("temporary")) {
            i++;
        }
        if (at(tokens, i).is("recursive")) {
            i++;
        }
        return at(tokens, i).is("view");
    }

    private static Token at(List<Token> tokens, int i) {
        return tokens.get(Math.min(i, tokens.size() - 1));
    }

    /** CREATE [OR REPLACE] VIEW name [(column, ...)] AS query. */
    UtilityStatement.CreateView createView() {
        in.expectWord("create");
        boolean orReplace = false;
        if (in.accept("or")) {
            in.expectWord("replace");
            orReplace = true;
        }
        if (in.peek().is("temp") || in.peek().is("temporary")) {
            throw DbException.notSupported("CREATE TEMPORARY VIEW");
        }
        if (in.peek().is("recursive")) {
            throw DbException.notSupported("CREATE RECURSIVE VIEW");
        }
        in.expectWord("view");
        UtilityStatement.QualifiedName name = in.qualifiedName();
        List<String> columns = new ArrayList<>();
        if (in.peek().isSymbol("(")) {
            in.next();
            columns.add(in.name());
            while (in.peek().isSymbol(",")) {
                in.next();
                columns.add(in.name());
            }
            in.expectSymbol(")");
        }
        if (in.peek().is("with")) {
            throw DbException.notSupported("CREATE VIEW ... WITH (options)");
        }
        in.expectWord("as");
        if (in.atEnd()) {
            throw UtilityParser.syntaxError(in.peek());
        }
        int start = in.peek().position();
        int end = sql.length();
        // The rest is the query, but for a trailing WITH [CASCADED | LOCAL] CHECK OPTION.
        List<Token> rest = new ArrayList<>();
        while (!in.atEnd()) {
            rest.add(in.next());
        }
        int n = rest.size();
        if (n >= 3 && rest.get(n - 1).is("option") && rest.get(n - 2).is("check")) {
            int w = n - 3;
            if (rest.get(w).is("cascaded") || rest.get(w).is("local")) {
                w--;
            }
            if (w >= 0 && rest.get(w).is("with")) {
                throw DbException.notSupported("WITH CHECK OPTION");
            }
        }
        String query = sql.substring(start, end).strip();
        while (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1).strip();
        }
        return new UtilityStatement.CreateView(name, orReplace, columns, query);
    }

    /** DROP VIEW [IF EXISTS] name [, ...] [CASCADE | RESTRICT]. */
    UtilityStatement.DropView dropView() {
        in.expectWord("drop");
        in.expectWord("view");
        boolean ifExists = in.ifExists();
        List<UtilityStatement.QualifiedName> names = new ArrayList<>();
        names.add(in.qualifiedName());
        while (in.peek().isSymbol(",")) {
            in.next();
            names.add(in.qualifiedName());
        }
        boolean cascade = in.accept("cascade");
        if (!cascade) {
            in.accept("restrict");
        }
        return new UtilityStatement.DropView(names, ifExists, cascade);
    }
}
