package org.larchdb.engine.sql;

/**
 * A token of the small lexer used for utility statements. {@code text} is the identifier
 * (lower-cased unless quoted), the string literal's value, the number, or the symbol.
 */
public record Token(Kind kind, String text, int position, String spelling) {

    /** A token whose text is spelled as written (all but unquoted identifiers, which are folded). */
    public Token(Kind kind, String text, int position) {
        this(kind, text, position, text);
    }

    public enum Kind { IDENT, QUOTED_IDENT, STRING, NUMBER, SYMBOL, END }

    /** Whether this is the (unquoted) keyword {@code word}. */
    public boolean is(String word) {
        return kind == Kind.IDENT && text.equals(word);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }
}
