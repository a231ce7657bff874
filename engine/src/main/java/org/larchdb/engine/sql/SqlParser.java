package org.larchdb.engine.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * JSqlParser behind PostgreSQL's error reporting: syntax errors become 42601 with a position.
 * Parse trees are cached by statement text across sessions: JSqlParser is the most expensive
 * step of a short statement, the trees depend on nothing but the text, and the analyzer only reads them.
 */
final class SqlParser {
    /** Statements longer than this are not cached (bulk INSERTs are rarely repeated verbatim). */
    private static final int MAX_CACHED_LENGTH = 16 * 1024;
    private static final Cache<String, Statement> CACHE = Caffeine.newBuilder()
            .maximumWeight(32L * 1024 * 1024)
            .weigher((String sql, Statement st) -> sql.length() * 8)
            .build();

    private SqlParser() {
    }

    static Statement parse(String sql) {
        if (sql.length() > MAX_CACHED_LENGTH) {
            return parseUncached(sql);
        }
        Statement cached = CACHE.getIfPresent(sql);
        if (cached == null) {
            cached = parseUncached(sql);
            CACHE.put(sql, cached);
        }
        return cached;
    }

    private static Statement parseUncached(String sql) {
        // PostgreSQL syntax JSqlParser lacks is blanked out (same length, so error positions hold)
        // and put back into the tree after parsing: see PreParse.
        FunctionOrdinality.Rewrite ordinality = FunctionOrdinality.rewrite(sql);
        PreParse.Rewrite rewrite = PreParse.rewrite(ordinality.text());
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(rewrite.text(), parser -> parser.withTimeOut(10_000));
        } catch (JSQLParserException e) {
            throw syntaxError(sql, e);
        } catch (RuntimeException e) {
            throw syntaxError(sql, e);
        }
        if (rewrite.changed()) {
            PreParse.restore(statement, rewrite);
        }
        if (ordinality.changed()) {
            FunctionOrdinality.restore(statement, ordinality);
        }
        return statement;
    }

    private static DbException syntaxError(String sql, Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ParseException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ParseException pe) {
            Token bad = pe.currentToken == null ? null : pe.currentToken.next;
            if (bad == null && pe.currentToken != null) {
                bad = pe.currentToken;
            }
            if (bad == null || bad.kind == 0 || bad.image == null || bad.image.isEmpty()) {
                return new DbException(SqlState.SYNTAX_ERROR, "syntax error at end of input")
                        .withPosition(sql.stripTrailing().length() + 1);
            }
            int position = offset(sql, bad.beginLine, bad.beginColumn);
            if (isLastToken(sql, position, bad.image) && !isOperand(bad.kind)) {
                // JSqlParser rejects a dangling keyword or operator one token early; PostgreSQL
                // reports such statements as ending too soon.
                return new DbException(SqlState.SYNTAX_ERROR, "syntax error at end of input")
                        .withPosition(sql.stripTrailing().length() + 1);
            }
            return new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + bad.image + "\"")
                    .withPosition(position + 1);
        }
        return new DbException(SqlState.SYNTAX_ERROR, "syntax error").withPosition(1);
    }

    private static boolean isLastToken(String sql, int position, String image) {
        String rest = sql.substring(Math.min(sql.length(), position + image.length())).strip();
        return rest.isEmpty() || rest.equals(";");
    }

    /** Identifiers and literals: a statement may legitimately end with one, so the error is really at it. */
    private static boolean isOperand(int kind) {
        return kind == CCJSqlParserConstants.S_IDENTIFIER || kind == CCJSqlParserConstants.S_QUOTED_IDENTIFIER
                || kind == CCJSqlParserConstants.S_LONG || kind == CCJSqlParserConstants.S_DOUBLE
                || kind == CCJSqlParserConstants.S_CHAR_LITERAL || kind == CCJSqlParserConstants.S_HEX;
    }

    /** 0-based character offset of a 1-based line/column position. */
    private static int offset(String sql, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int nl = sql.indexOf('\n', offset);
            if (nl < 0) {
                break;
            }
            offset = nl + 1;
        }
        return Math.min(sql.length(), offset + Math.max(0, column - 1));
    }
}
