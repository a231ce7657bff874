package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.parser.SimpleNode;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;
import net.sf.jsqlparser.util.deparser.StatementDeParser;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * {@code f(...) WITH ORDINALITY} in FROM, which JSqlParser 5.1 cannot parse. In the manner of
 * {@link PreParse}, the two words are blanked (same length, error positions hold) and what was
 * there is remembered as "the n-th function in FROM had WITH ORDINALITY"; after parsing, the
 * tree's {@link TableFunction}s are listed in text order with the deparser and the n-th one gets
 * {@link #MARK} as its AST node, which {@link #marked} tests.
 *
 * <p>A function in FROM is recognised in the token stream as a (possibly schema-qualified) name and
 * "(" right after FROM, JOIN, LATERAL or a comma of a FROM list at the same parenthesis depth.
 */
final class FunctionOrdinality {
    private static final SimpleNode MARK = new SimpleNode(0);
    private static final Set<String> FROM_ENDS = Set.of("where", "group", "having", "window", "order", "limit",
            "offset", "fetch", "union", "intersect", "except", "for", "returning", "on", "using", "select",
            "values", "set");

    /** The text to parse and the numbers (in text order) of the FROM functions that had WITH ORDINALITY. */
    record Rewrite(String text, List<Integer> marked, int functions) {
        boolean changed() {
            return !marked.isEmpty();
        }
    }

    private FunctionOrdinality() {
    }

    static Rewrite rewrite(String sql) {
        if (!sql.toLowerCase(Locale.ROOT).contains("ordinality")) {
            return new Rewrite(sql, List.of(), 0);
        }
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(sql);
        } catch (RuntimeException e) {
            return new Rewrite(sql, List.of(), 0); // the parser will report it
        }
        char[] text = sql.toCharArray();
        List<Integer> marked = new ArrayList<>();
        // Per parenthesis depth: inside a FROM list there; and the depth of each open function call.
        List<Boolean> inFrom = new ArrayList<>(List.of(false));
        List<Integer> functionAtParen = new ArrayList<>(List.of(-1));
        int functions = 0;
        int pendingFunction = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int depth = inFrom.size() - 1;
            if (t.isSymbol("(")) {
                inFrom.add(false);
                functionAtParen.add(pendingFunction);
                pendingFunction = -1;
                continue;
            }
            pendingFunction = -1;
            if (t.isSymbol(")")) {
                int function = functionAtParen.remove(functionAtParen.size() - 1);
                if (inFrom.size() > 1) {
                    inFrom.remove(inFrom.size() - 1);
                }
                if (function >= 0 && i + 2 < tokens.size() && tokens.get(i + 1).is("with")
                        && tokens.get(i + 2).is("ordinality")) {
                    blank(text, tokens.get(i + 1));
                    blank(text, tokens.get(i + 2));
                    marked.add(function);
                    i += 2;
                }
                continue;
            }
            if (t.kind() == Token.Kind.IDENT && t.is("from")) {
                inFrom.set(depth, true);
                continue;
            }
            if (t.kind() == Token.Kind.IDENT && FROM_ENDS.contains(t.text())) {
                inFrom.set(depth, false);
                continue;
            }
            if (inFrom.get(depth) && (t.kind() == Token.Kind.IDENT || t.kind() == Token.Kind.QUOTED_IDENT)
                    && i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(") && startsFromItem(tokens, i)) {
                pendingFunction = functions++;
            }
            if (t.kind() == Token.Kind.IDENT && t.is("join")) {
                inFrom.set(depth, true);
            }
        }
        return new Rewrite(new String(text), marked, functions);
    }

    /** Whether the name at {@code i} (after an optional "schema.") begins a FROM item. */
    private static boolean startsFromItem(List<Token> tokens, int i) {
        int before = i - 1;
        if (before >= 1 && tokens.get(before).isSymbol(".")) {
            before -= 2;
        }
        if (before < 0) {
            return false;
        }
        Token b = tokens.get(before);
        return b.isSymbol(",") || b.is("from") || b.is("join") || b.is("lateral");
    }

    private static void blank(char[] text, Token word) {
        for (int k = 0; k < word.spelling().length(); k++) {
            text[word.position() + k] = ' ';
        }
    }

    /** Marks the TableFunctions the rewrite found WITH ORDINALITY. */
    static void restore(Statement statement, Rewrite rewrite) {
        List<TableFunction> found = new ArrayList<>();
        StringBuilder sink = new StringBuilder();
        ExpressionDeParser expressions = new ExpressionDeParser();
        SelectDeParser selects = new SelectDeParser(expressions, sink) {
            @Override
            public <S> StringBuilder visit(TableFunction function, S context) {
                found.add(function);
                return super.visit(function, context);
            }
        };
        expressions.setSelectVisitor(selects);
        expressions.setBuffer(sink);
        statement.accept(new StatementDeParser(expressions, selects, sink));
        if (found.size() != rewrite.functions()) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "WITH ORDINALITY is not supported in this position");
        }
        for (int index : rewrite.marked()) {
            found.get(index).setASTNode(MARK);
        }
    }

    /** Whether this FROM function was written WITH ORDINALITY. */
    static boolean marked(TableFunction function) {
        return function.getASTNode() == MARK;
    }
}
