package org.larchdb.engine.expr;

/** What a {@link Expr.SubLink} computes from its subquery's rows. */
public enum SubLinkKind {
    /** EXISTS: true when there is a row. */
    EXISTS,
    /** A scalar subquery: the single row's value, NULL without rows, 21000 with several. */
    SCALAR,
    /** {@code x op ANY (subquery)}, and IN as {@code = ANY}: true if any comparison is true. */
    ANY,
    /** {@code x op ALL (subquery)}: true if every comparison is true (or there are no rows). */
    ALL
}
