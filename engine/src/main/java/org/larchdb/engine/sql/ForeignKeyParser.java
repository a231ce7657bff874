package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.catalog.ForeignKeyInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * Parses the REFERENCES clause of a column or table FOREIGN KEY constraint, with its MATCH, ON
 * DELETE / ON UPDATE actions and the DEFERRABLE / INITIALLY attributes that follow it.
 */
final class ForeignKeyParser {
    private final TokenCursor in;

    ForeignKeyParser(TokenCursor in) {
        this.in = in;
    }

    /** After the FOREIGN keyword: KEY (cols) REFERENCES ... [NOT VALID when {@code allowNotValid}]. */
    UtilityStatement.ForeignKeyConstraint tableConstraint(String name, boolean allowNotValid) {
        in.expectWord("key");
        List<String> columns = columnList();
        in.expectWord("references");
        return references(name, columns, allowNotValid);
    }

    /** After the REFERENCES keyword of a column constraint on {@code column}. */
    UtilityStatement.ForeignKeyConstraint columnConstraint(String name, String column) {
        return references(name, List.of(column), false);
    }

    private UtilityStatement.ForeignKeyConstraint references(String name, List<String> columns,
                                                             boolean allowNotValid) {
        UtilityStatement.QualifiedName table = in.qualifiedName();
        List<String> refColumns = in.peek().isSymbol("(") ? columnList() : List.of();
        char match = ForeignKeyInfo.MATCH_SIMPLE;
        char onUpdate = ForeignKeyInfo.NO_ACTION;
        char onDelete = ForeignKeyInfo.NO_ACTION;
        List<String> deleteSet = List.of();
        Boolean deferrable = null;
        Boolean deferred = null;
        boolean notValid = false;
        while (true) {
            Token t = in.peek();
            if (t.is("match")) {
                in.next();
                Token kind = in.next();
                if (kind.is("full")) {
                    match = ForeignKeyInfo.MATCH_FULL;
                } else if (kind.is("partial")) {
                    throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "MATCH PARTIAL not yet implemented")
                            .withPosition(t.position() + 1);
                } else if (!kind.is("simple")) {
                    throw UtilityParser.syntaxError(kind);
                }
            } else if (t.is("on") && (in.peekAt(1).is("delete") || in.peekAt(1).is("update"))) {
                in.next();
                boolean delete = in.next().is("delete");
                Token actionStart = in.peek();
                char action = action();
                List<String> cols = List.of();
                if ((action == ForeignKeyInfo.SET_NULL || action == ForeignKeyInfo.SET_DEFAULT)
                        && in.peek().isSymbol("(")) {
                    if (!delete) {
                        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "a column list with "
                                + (action == ForeignKeyInfo.SET_NULL ? "SET NULL" : "SET DEFAULT")
                                + " is only supported for ON DELETE actions").withPosition(actionStart.position() + 1);
                    }
                    cols = columnList();
                }
                if (delete) {
                    onDelete = action;
                    deleteSet = cols;
                } else {
                    onUpdate = action;
                }
            } else if (t.is("deferrable")) {
                in.next();
                deferrable = true;
            } else if (t.is("not") && in.peekAt(1).is("deferrable")) {
                in.next();
                in.next();
                deferrable = false;
            } else if (t.is("initially")) {
                in.next();
                Token when = in.next();
                if (when.is("deferred")) {
                    deferred = true;
                } else if (when.is("immediate")) {
                    deferred = false;
                } else {
                    throw UtilityParser.syntaxError(when);
                }
            } else if (allowNotValid && t.is("not") && in.peekAt(1).is("valid")) {
                in.next();
                in.next();
                notValid = true;
            } else {
                break;
            }
        }
        if (Boolean.TRUE.equals(deferred) && Boolean.FALSE.equals(deferrable)) {
            throw new DbException(SqlState.SYNTAX_ERROR, "constraint declared INITIALLY DEFERRED must be DEFERRABLE");
        }
        boolean isDeferred = Boolean.TRUE.equals(deferred);
        return new UtilityStatement.ForeignKeyConstraint(name, columns, table, refColumns, match, onUpdate, onDelete,
                deleteSet, isDeferred || Boolean.TRUE.equals(deferrable), isDeferred, notValid);
    }

    private char action() {
        Token t = in.next();
        if (t.is("cascade")) {
            return ForeignKeyInfo.CASCADE;
        }
        if (t.is("restrict")) {
            return ForeignKeyInfo.RESTRICT;
        }
        if (t.is("no")) {
            in.expectWord("action");
            return ForeignKeyInfo.NO_ACTION;
        }
        if (t.is("set")) {
            Token what = in.next();
            if (what.is("null")) {
                return ForeignKeyInfo.SET_NULL;
            }
            if (what.is("default")) {
                return ForeignKeyInfo.SET_DEFAULT;
            }
            throw UtilityParser.syntaxError(what);
        }
        throw UtilityParser.syntaxError(t);
    }

    private List<String> columnList() {
        in.expectSymbol("(");
        List<String> cols = new ArrayList<>();
        do {
            if (!cols.isEmpty()) {
                in.next();
            }
            cols.add(in.name());
        } while (in.peek().isSymbol(","));
        in.expectSymbol(")");
        return cols;
    }
}
