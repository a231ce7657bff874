package org.larchdb.engine.sql;

import java.util.List;
import java.util.Locale;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * A position in the tokens of one utility statement, for the hand-written parsers that share
 * {@link UtilityParser}'s lexer: look-ahead, consumption, and PostgreSQL's syntax errors.
 */
final class TokenCursor {
    private final String sql;
    private final List<Token> tokens;
    private int pos;

    TokenCursor(String sql, List<Token> tokens, int pos) {
        this.sql = sql;
        this.tokens = tokens;
        this.pos = pos;
    }

    int position() {
        return pos;
    }

    /** Continues at {@code position} (after a parser sharing these tokens consumed up to it). */
    void moveTo(int position) {
        pos = position;
    }

    String sql() {
        return sql;
    }

    List<Token> tokens() {
        return tokens;
    }

    Token peek() {
        return tokens.get(pos);
    }

    Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.END) {
            pos++;
        }
        return t;
    }

    boolean atEnd() {
        return peek().kind() == Token.Kind.END;
    }

    /** Consumes {@code word} if it is next. */
    boolean accept(String word) {
        if (peek().is(word)) {
            next();
            return true;
        }
        return false;
    }

    void expectWord(String word) {
        Token t = next();
        if (!t.is(word)) {
            throw UtilityParser.syntaxError(t);
        }
    }

    void expectSymbol(String symbol) {
        Token t = next();
        if (!t.isSymbol(symbol)) {
            throw UtilityParser.syntaxError(t);
        }
    }

    /** An identifier, quoted or not. */
    String name() {
        Token t = next();
        if (t.kind() != Token.Kind.IDENT && t.kind() != Token.Kind.QUOTED_IDENT) {
            throw UtilityParser.syntaxError(t);
        }
        return t.text();
    }

    UtilityStatement.QualifiedName qualifiedName() {
        String first = name();
        if (peek().isSymbol(".")) {
            next();
            return new UtilityStatement.QualifiedName(first, name());
        }
        return new UtilityStatement.QualifiedName(null, first);
    }

    /** {@code IF EXISTS}, when present. */
    boolean ifExists() {
        if (peek().is("if")) {
            next();
            expectWord("exists");
            return true;
        }
        return false;
    }

    /** The keyword just seen, upper-cased, for "not supported" messages. */
    static String upper(Token t) {
        return t.text().toUpperCase(Locale.ROOT);
    }

    /**
     * {@code CHECK (expression) [NO INHERIT] [NOT VALID]} after the CHECK keyword: the expression's text
     * between the parentheses. NOT VALID is only accepted where {@code allowNotValid} (table constraints;
     * on a column it stays the start of NOT NULL for the caller).
     */
    UtilityStatement.CheckConstraint check(String constraintName, boolean allowNotValid) {
        expectSymbol("(");
        Token first = peek();
        int depth = 1;
        int end = first.position();
        while (true) {
            Token t = next();
            if (t.kind() == Token.Kind.END) {
                throw UtilityParser.syntaxError(t);
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")") && --depth == 0) {
                end = t.position();
                break;
            }
        }
        String text = sql.substring(first.position(), end).trim();
        if (text.isEmpty()) {
            throw UtilityParser.syntaxError(first);
        }
        boolean notValid = false;
        while (true) {
            if (peek().is("no") && peekAt(1).is("inherit")) {
                next();
                next(); // without table inheritance NO INHERIT changes nothing
            } else if (allowNotValid && peek().is("not") && peekAt(1).is("valid")) {
                next();
                next();
                notValid = true;
            } else if (peek().is("deferrable") || peek().is("initially")) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                        "CHECK constraints cannot be marked DEFERRABLE");
            } else {
                break;
            }
        }
        return new UtilityStatement.CheckConstraint(constraintName, text, first.position() + 1, notValid);
    }
}
