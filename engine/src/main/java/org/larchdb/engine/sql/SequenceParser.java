package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.sql.UtilityStatement.QualifiedName;

/**
 * Parses CREATE/ALTER/DROP SEQUENCE and the sequence options of an identity column. It works on the
 * token list of the {@link UtilityParser} that called it, from a position, and reports where it stopped.
 */
final class SequenceParser {
    private final List<Token> tokens;
    private int pos;

    SequenceParser(List<Token> tokens, int pos) {
        this.tokens = tokens;
        this.pos = pos;
    }

    int pos() {
        return pos;
    }

    /** CREATE SEQUENCE [IF NOT EXISTS] name options (the position is at CREATE). */
    UtilityStatement parseCreate() {
        next();
        if (!next().is("sequence")) {
            throw UtilityParser.syntaxError(tokens.get(pos - 1));
        }
        boolean ifNotExists = false;
        if (peek().is("if")) {
            next();
            expectWord("not");
            expectWord("exists");
            ifNotExists = true;
        }
        QualifiedName name = parseQualifiedName();
        return new UtilityStatement.CreateSequence(name, ifNotExists, parseOptions(false, false));
    }

    /** ALTER SEQUENCE [IF EXISTS] name options. */
    UtilityStatement parseAlter() {
        next();
        next();
        boolean ifExists = false;
        if (peek().is("if")) {
            next();
            expectWord("exists");
            ifExists = true;
        }
        QualifiedName name = parseQualifiedName();
        if (peek().is("rename") || peek().is("owner") || peek().is("set")) {
            throw DbException.notSupported("ALTER SEQUENCE " + peek().text().toUpperCase(java.util.Locale.ROOT));
        }
        return new UtilityStatement.AlterSequence(name, ifExists, parseOptions(true, false));
    }

    /** DROP SEQUENCE [IF EXISTS] name [, ...] [CASCADE | RESTRICT]. */
    UtilityStatement parseDrop() {
        next();
        next();
        boolean ifExists = false;
        if (peek().is("if")) {
            next();
            expectWord("exists");
            ifExists = true;
        }
        List<QualifiedName> names = new ArrayList<>();
        do {
            if (!names.isEmpty()) {
                next();
            }
            names.add(parseQualifiedName());
        } while (peek().isSymbol(","));
        boolean cascade = false;
        if (peek().is("cascade")) {
            next();
            cascade = true;
        } else if (peek().is("restrict")) {
            next();
        }
        return new UtilityStatement.DropSequence(names, ifExists, cascade);
    }

    /** An identity column's kind (ColumnInfo.IDENTITY_*) and sequence options. */
    record Identity(char kind, SequenceOptions options) {
    }

    /** {@code ALWAYS | BY DEFAULT} AS IDENTITY [ ( options ) ], the position just after GENERATED. */
    Identity parseIdentity() {
        char kind;
        if (next().is("by")) {
            expectWord("default");
            kind = ColumnInfo.IDENTITY_BY_DEFAULT;
        } else {
            kind = ColumnInfo.IDENTITY_ALWAYS;
        }
        expectWord("as");
        expectWord("identity");
        if (!peek().isSymbol("(")) {
            return new Identity(kind, SequenceOptions.NONE);
        }
        next();
        return new Identity(kind, parseOptions(false, true));
    }

    /**
     * Sequence options until the end of the statement, or (in an identity column, {@code parenthesized})
     * until the closing parenthesis, which is consumed. PostgreSQL accepts RESTART in CREATE too (the first
     * value), so {@code alter} only documents the caller.
     */
    SequenceOptions parseOptions(boolean alter, boolean parenthesized) {
        String asType = null;
        Long increment = null, min = null, max = null, start = null, restartValue = null, cache = null;
        boolean noMin = false, noMax = false, restart = false, seenMin = false, seenMax = false;
        Boolean cycle = null;
        List<String> ownedBy = null;
        while (parenthesized ? !peek().isSymbol(")") : peek().kind() != Token.Kind.END) {
            Token t = next();
            switch (t.text()) {
                case "as" -> {
                    checkOnce(asType, t);
                    Token type = next();
                    if (type.kind() != Token.Kind.IDENT && type.kind() != Token.Kind.QUOTED_IDENT) {
                        throw UtilityParser.syntaxError(type);
                    }
                    asType = type.text();
                    if (type.is("double")) {
                        expectWord("precision");
                        asType = "double precision";
                    } else if (type.is("character") && peek().is("varying")) {
                        next();
                        asType = "character varying";
                    }
                }
                case "increment" -> {
                    checkOnce(increment, t);
                    if (peek().is("by")) {
                        next();
                    }
                    increment = number();
                }
                case "minvalue" -> {
                    checkOnce(seenMin ? "" : null, t);
                    seenMin = true;
                    min = number();
                }
                case "maxvalue" -> {
                    checkOnce(seenMax ? "" : null, t);
                    seenMax = true;
                    max = number();
                }
                case "no" -> {
                    Token what = next();
                    if (what.is("minvalue")) {
                        checkOnce(seenMin ? "" : null, t);
                        seenMin = true;
                        noMin = true;
                    } else if (what.is("maxvalue")) {
                        checkOnce(seenMax ? "" : null, t);
                        seenMax = true;
                        noMax = true;
                    } else if (what.is("cycle")) {
                        checkOnce(cycle, t);
                        cycle = false;
                    } else {
                        throw UtilityParser.syntaxError(what);
                    }
                }
                case "start" -> {
                    checkOnce(start, t);
                    if (peek().is("with")) {
                        next();
                    }
                    start = number();
                }
                case "restart" -> {
                    checkOnce(restart ? "" : null, t);
                    restart = true;
                    if (peek().is("with")) {
                        next();
                        restartValue = number();
                    } else if (peek().kind() == Token.Kind.NUMBER || peek().isSymbol("-") || peek().isSymbol("+")) {
                        restartValue = number();
                    }
                }
                case "cache" -> {
                    checkOnce(cache, t);
                    cache = number();
                }
                case "cycle" -> {
                    checkOnce(cycle, t);
                    cycle = true;
                }
                case "owned" -> {
                    checkOnce(ownedBy, t);
                    expectWord("by");
                    ownedBy = new ArrayList<>();
                    if (peek().is("none")) {
                        next();
                    } else {
                        ownedBy.add(name());
                        while (peek().isSymbol(".")) {
                            next();
                            ownedBy.add(name());
                        }
                    }
                }
                case "sequence" -> {
                    if (!parenthesized) {
                        throw UtilityParser.syntaxError(t);
                    }
                    expectWord("name");
                    throw DbException.notSupported("SEQUENCE NAME option of identity columns");
                }
                default -> throw UtilityParser.syntaxError(t);
            }
        }
        if (parenthesized) {
            next();
        }
        return new SequenceOptions(asType, increment, min, noMin, max, noMax, start, restart, restartValue, cache,
                cycle, ownedBy);
    }

    /** PostgreSQL: a second mention of an option is 42601 "conflicting or redundant options" at it. */
    private static void checkOnce(Object already, Token option) {
        if (already != null) {
            throw new DbException(SqlState.SYNTAX_ERROR, "conflicting or redundant options")
                    .withPosition(option.position() + 1);
        }
    }

    private long number() {
        Token t = next();
        boolean negative = false;
        if (t.isSymbol("-") || t.isSymbol("+")) {
            negative = t.isSymbol("-");
            t = next();
        }
        if (t.kind() != Token.Kind.NUMBER) {
            throw UtilityParser.syntaxError(t);
        }
        String digits = (negative ? "-" : "") + t.text();
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            // PostgreSQL parses the option as numeric and then complains it is not a bigint.
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
        }
    }

    private String name() {
        Token t = next();
        if (t.kind() != Token.Kind.IDENT && t.kind() != Token.Kind.QUOTED_IDENT) {
            throw UtilityParser.syntaxError(t);
        }
        return t.text();
    }

    private QualifiedName parseQualifiedName() {
        String first = name();
        if (peek().isSymbol(".")) {
            next();
            return new QualifiedName(first, name());
        }
        return new QualifiedName(null, first);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.END) {
            pos++;
        }
        return t;
    }

    private void expectWord(String word) {
        Token t = next();
        if (!t.is(word)) {
            throw UtilityParser.syntaxError(t);
        }
    }
}
