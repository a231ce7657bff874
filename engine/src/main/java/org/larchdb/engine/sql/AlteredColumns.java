package org.larchdb.engine.sql;

import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * Analysis for ALTER TABLE's column forms, done when the statement runs (utility statements
 * resolve their table then): a new column's definition, DEFAULT expressions, ALTER TYPE's
 * conversion (USING or the assignment cast) and the text of expressions after a column rename.
 */
public final class AlteredColumns {
    private AlteredColumns() {
    }

    /** A column of ADD COLUMN: its type resolved and its DEFAULT checked (PostgreSQL's errors). */
    public static ColumnInfo define(UtilityStatement.ColumnDefinition def, int attnum, AnalysisContext ctx) {
        if (def.identity() != ColumnInfo.NO_IDENTITY) {
            throw DbException.notSupported("ALTER TABLE ... ADD COLUMN ... GENERATED AS IDENTITY");
        }
        String name = def.name().length() > 63 ? def.name().substring(0, 63) : def.name();
        DataType type = TypeNames.resolve(def.typeName(), null);
        if (type.type() == PgType.UNKNOWN) {
            throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "column \"" + name
                    + "\" has pseudo-type unknown");
        }
        if (def.defaultExpr() != null) {
            checkDefault(def.defaultExpr(), type, name, ctx);
        }
        return new ColumnInfo(name, type, attnum, Boolean.TRUE.equals(def.notNull()), def.defaultExpr());
    }

    /** Binds a DEFAULT expression for a column of {@code type}: 0A000 for column references, 42804 for a mismatch. */
    public static Expr checkDefault(String text, DataType type, String column, AnalysisContext ctx) {
        Expression parsed = Analyzer.parseExpression(text);
        if (ExprBinder.containsAggregate(parsed)) {
            throw new DbException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in DEFAULT "
                    + "expressions");
        }
        ExprBinder binder = new ExprBinder(ctx, Scope.empty(), new ParameterTypes(new int[0]), new Privileges());
        Expr bound;
        try {
            bound = binder.bind(parsed);
        } catch (DbException e) {
            if (e.state() == SqlState.UNDEFINED_COLUMN) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                        "cannot use column reference in DEFAULT expression");
            }
            throw e;
        }
        PgType from = bound.type().type();
        if (from != PgType.UNKNOWN && from != type.type() && !(bound instanceof Expr.Const c && c.value() == null)
                && !Casts.canCast(from, type.type(), Casts.Context.ASSIGNMENT)) {
            throw new DbException(SqlState.DATATYPE_MISMATCH, "column \"" + column + "\" is of type "
                    + type.displayName() + " but default expression is of type " + bound.type().displayName())
                    .withHint("You will need to rewrite or cast the expression.");
        }
        return binder.coerce(bound, type, Casts.Context.ASSIGNMENT);
    }

    /**
     * ALTER COLUMN ... TYPE: the new value of column {@code column} computed from the old row (the
     * USING expression, or the column itself) with an assignment cast to {@code target}; 42804 as
     * PostgreSQL when no such cast exists.
     */
    public static Expr conversion(String table, List<ColumnInfo> columns, ColumnInfo column, DataType target,
                                  String using, AnalysisContext ctx) {
        Scope scope = Scope.empty();
        scope.add(table, null, columns.stream().map(ColumnInfo::name).toList(),
                columns.stream().map(ColumnInfo::type).toList(), null);
        ExprBinder binder = new ExprBinder(ctx, scope, new ParameterTypes(new int[0]), new Privileges());
        Expr source;
        if (using == null) {
            source = new Expr.ColumnRef(columns.indexOf(column), column.type(), null);
        } else {
            Expression parsed = Analyzer.parseExpression(using);
            if (ExprBinder.containsAggregate(parsed)) {
                throw new DbException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in "
                        + "transform expressions");
            }
            source = binder.bind(parsed);
        }
        PgType from = source.type().type();
        if (from != PgType.UNKNOWN && from != target.type() && !(source instanceof Expr.Const c && c.value() == null)
                && !Casts.canCast(from, target.type(), Casts.Context.ASSIGNMENT)) {
            if (using == null) {
                throw new DbException(SqlState.DATATYPE_MISMATCH, "column \"" + column.name()
                        + "\" cannot be cast automatically to type " + DataType.of(target.type()).displayName())
                        .withHint("You might need to specify \"USING " + quoteIdentifier(column.name()) + "::"
                                + target.displayName() + "\".");
            }
            throw new DbException(SqlState.DATATYPE_MISMATCH, "result of USING clause for column \""
                    + column.name() + "\" cannot be cast automatically to type "
                    + DataType.of(target.type()).displayName()).withHint("You might need to add an explicit cast.");
        }
        return binder.coerce(source, target, Casts.Context.ASSIGNMENT);
    }

    /**
     * An expression's text with every reference to column {@code from} naming {@code to} instead
     * (CHECK constraints are stored as text, so a renamed column must be renamed in them too).
     */
    public static String renameColumn(String text, String from, String to) {
        StringBuilder out = new StringBuilder();
        int copied = 0;
        List<Token> tokens = Lexer.tokenize(text);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean identifier = t.kind() == Token.Kind.IDENT || t.kind() == Token.Kind.QUOTED_IDENT;
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
            if (identifier && !call && t.text().equals(from)) {
                int end = t.kind() == Token.Kind.QUOTED_IDENT ? text.indexOf('"', t.position() + 1) + 1
                        : t.position() + t.spelling().length();
                while (end < text.length() && t.kind() == Token.Kind.QUOTED_IDENT && text.charAt(end) == '"') {
                    end = text.indexOf('"', end + 1) + 1; // a doubled quote inside the name
                }
                out.append(text, copied, t.position()).append(quoteIdentifier(to));
                copied = end;
            }
        }
        return out.append(text.substring(copied)).toString();
    }

    /** PostgreSQL's quote_identifier: quotes unless a plain lower-case identifier. */
    public static String quoteIdentifier(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*")) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
