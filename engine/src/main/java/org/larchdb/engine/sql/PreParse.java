package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.parser.SimpleNode;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.ExceptOp;
import net.sf.jsqlparser.statement.select.IntersectOp;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;
import net.sf.jsqlparser.util.deparser.StatementDeParser;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.plan.WindowFrame;

/**
 * The pre-parse step in front of JSqlParser 5.1 for PostgreSQL syntax it rejects:
 * {@code INTERSECT ALL}, {@code EXCEPT ALL} and {@code BETWEEN [A]SYMMETRIC}.
 *
 * <p>The statement is scanned with {@link Lexer} (so quotes, comments and dollar quotes are skipped)
 * and the offending words are blanked out with spaces of the same length: JSqlParser then parses
 * {@code INTERSECT}, {@code EXCEPT} and plain {@code BETWEEN}, and every character keeps its offset,
 * so syntax error positions still point into the original text. What was blanked is remembered as
 * "the n-th INTERSECT/EXCEPT keyword was ALL" and "the n-th BETWEEN was SYMMETRIC"; after parsing
 * the tree is walked with JSqlParser's deparser, which emits keywords in text order, to find the
 * n-th node and put the meaning back: ALL operators become {@link AllIntersect}/{@link AllExcept}
 * (whose text ends in ALL, which is what {@link SetOperations} reads) and symmetric Between nodes
 * carry {@link #SYMMETRIC} as their AST node, which {@link #isSymmetric} tests for the binder.
 *
 * <p>Window syntax JSqlParser lacks is handled the same way. In an OVER clause a window reference
 * ({@code OVER (w ORDER BY x)}) and an EXCLUDE clause are blanked and GROUPS becomes "range ";
 * what was there is remembered per OVER keyword and left on the window call as a {@code WindowMarks}
 * AST node ({@link #isWindowReference}, {@link #isGroupsFrame}, {@link #frameExclusion}). In a
 * WINDOW clause the same is remembered per definition name and left on the query as a
 * {@code WindowClauseMarks} AST node ({@link #windowDefinitionMarks}); a name defined by two
 * WINDOW clauses of one statement with such marks is refused rather than guessed.
 */
final class PreParse {
    /** Marker left on Between nodes that were written BETWEEN SYMMETRIC (JSqlParser sets no AST node on them). */
    private static final SimpleNode SYMMETRIC = new SimpleNode(0);
    /**
     * Left as the AST node of a window call whose OVER clause had what JSqlParser lacks: a window
     * reference {@code OVER (w ...)} (a copy of window w, amended), a GROUPS frame, an EXCLUDE clause.
     */
    private static final class WindowMarks extends SimpleNode {
        final boolean reference;
        final boolean groups;
        final WindowFrame.Exclusion exclusion;

        WindowMarks(boolean reference, boolean groups, WindowFrame.Exclusion exclusion) {
            super(0);
            this.reference = reference;
            this.groups = groups;
            this.exclusion = exclusion;
        }
    }

    /** The rewritten text and, per INTERSECT/EXCEPT and per BETWEEN keyword in text order, what was removed. */
    record Rewrite(String text, List<Boolean> setOperationAll, List<Boolean> betweenSymmetric,
                   List<String> windowReferences, java.util.Set<Integer> groupsFrames,
                   java.util.Map<Integer, WindowFrame.Exclusion> exclusions,
                   java.util.Map<String, DefinitionMarks> windowDefinitions) {
        Rewrite(String text, List<Boolean> setOperationAll, List<Boolean> betweenSymmetric) {
            this(text, setOperationAll, betweenSymmetric, List.of(), java.util.Set.of(), java.util.Map.of(),
                    java.util.Map.of());
        }

        boolean changed() {
            return setOperationAll.contains(true) || betweenSymmetric.contains(true) || hasWindowReferences();
        }

        boolean hasWindowReferences() {
            return windowReferences.stream().anyMatch(java.util.Objects::nonNull) || !groupsFrames.isEmpty()
                    || !exclusions.isEmpty() || !windowDefinitions.isEmpty();
        }
    }

    private PreParse() {
    }

    static boolean isSymmetric(Between between) {
        return between.getASTNode() == SYMMETRIC;
    }

    /** Whether a window call was written {@code OVER (w ...)} (its window name is then w). */
    static boolean isWindowReference(AnalyticExpression call) {
        return call.getASTNode() instanceof WindowMarks m && m.reference;
    }

    /** What a WINDOW clause definition had that JSqlParser lacks: a base window, a GROUPS frame, EXCLUDE. */
    record DefinitionMarks(String base, boolean groups, WindowFrame.Exclusion exclusion) {
        static final DefinitionMarks NONE = new DefinitionMarks(null, false, WindowFrame.Exclusion.NO_OTHERS);
    }

    /** Left as the AST node of a query whose WINDOW clause definitions carry {@link DefinitionMarks}, by name. */
    private static final class WindowClauseMarks extends SimpleNode {
        final java.util.Map<String, DefinitionMarks> byName;

        WindowClauseMarks(java.util.Map<String, DefinitionMarks> byName) {
            super(0);
            this.byName = byName;
        }
    }

    /** The marks of the WINDOW clause definition {@code name} of {@code select}. */
    static DefinitionMarks windowDefinitionMarks(net.sf.jsqlparser.statement.select.PlainSelect select, String name) {
        return select.getASTNode() instanceof WindowClauseMarks m ? m.byName.getOrDefault(name, DefinitionMarks.NONE)
                : DefinitionMarks.NONE;
    }

    /** Whether a window call's own frame clause was written GROUPS (JSqlParser parsed it as RANGE). */
    static boolean isGroupsFrame(AnalyticExpression call) {
        return call.getASTNode() instanceof WindowMarks m && m.groups;
    }

    /** The EXCLUDE clause of a window call's own frame (blanked before parsing). */
    static WindowFrame.Exclusion frameExclusion(AnalyticExpression call) {
        return call.getASTNode() instanceof WindowMarks m ? m.exclusion : WindowFrame.Exclusion.NO_OTHERS;
    }

    /** Words that begin a window specification rather than name a window. */
    private static boolean startsWindowSpec(Token t) {
        return t.is("partition") || t.is("order") || t.is("rows") || t.is("range") || t.is("groups");
    }

    /** Blanks the unsupported words out of {@code sql}; returns the text unchanged when there are none. */
    static Rewrite rewrite(String sql) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(sql);
        } catch (DbException e) {
            // Unterminated quotes: JSqlParser reports the syntax error on the original text.
            return new Rewrite(sql, List.of(), List.of());
        }
        char[] text = sql.toCharArray();
        List<Boolean> all = new ArrayList<>();
        List<Boolean> symmetric = new ArrayList<>();
        List<String> windowRefs = new ArrayList<>();
        java.util.Set<Integer> groupsFrames = new java.util.HashSet<>();
        java.util.Map<Integer, WindowFrame.Exclusion> exclusions = new java.util.HashMap<>();
        java.util.Map<String, DefinitionMarks> definitions = new java.util.HashMap<>();
        java.util.Set<String> definitionNames = new java.util.HashSet<>();
        java.util.Set<String> repeatedNames = new java.util.HashSet<>();
        boolean inWindowClause = false;
        // Whether the last OVER keyword or WINDOW definition was OVER: a frame clause belongs to it.
        boolean lastWasOver = false;
        String definition = null;
        for (int i = 0; i < tokens.size() - 1; i++) {
            Token t = tokens.get(i);
            Token next = tokens.get(i + 1);
            if (t.is("intersect") || t.is("except")) {
                boolean isAll = next.is("all");
                all.add(isAll);
                if (isAll) {
                    blank(text, next);
                }
            } else if (t.is("over")) {
                lastWasOver = true;
                Token name = i + 2 < tokens.size() ? tokens.get(i + 2) : null;
                if (next.isSymbol("(") && name != null && name.kind() == Token.Kind.IDENT && !startsWindowSpec(name)) {
                    windowRefs.add(name.text());
                    blank(text, name);
                } else {
                    windowRefs.add(null);
                }
            } else if (t.is("exclude") && (next.is("current") || next.is("group") || next.is("ties")
                    || next.is("no"))) {
                Token last = next.is("current") || next.is("no") ? tokens.get(i + 2) : next;
                if ((next.is("current") && !last.is("row")) || (next.is("no") && !last.is("others"))) {
                    continue; // not a frame exclusion: JSqlParser reports the syntax error
                }
                WindowFrame.Exclusion exclusion = next.is("current") ? WindowFrame.Exclusion.CURRENT_ROW
                        : next.is("group") ? WindowFrame.Exclusion.GROUP : next.is("ties") ? WindowFrame.Exclusion.TIES
                        : WindowFrame.Exclusion.NO_OTHERS;
                if (lastWasOver && !windowRefs.isEmpty()) {
                    exclusions.put(windowRefs.size() - 1, exclusion);
                } else if (definition != null) {
                    DefinitionMarks m = definitions.getOrDefault(definition, DefinitionMarks.NONE);
                    definitions.put(definition, new DefinitionMarks(m.base(), m.groups(), exclusion));
                } else {
                    throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "EXCLUDE is not supported here");
                }
                for (int c = t.position(); c < last.position() + last.text().length(); c++) {
                    text[c] = ' ';
                }
            } else if (t.is("groups") && (next.is("between") || next.is("unbounded") || next.is("current")
                    || next.kind() == Token.Kind.NUMBER)) {
                if (lastWasOver && !windowRefs.isEmpty()) {
                    groupsFrames.add(windowRefs.size() - 1);
                } else if (definition != null) {
                    DefinitionMarks m = definitions.getOrDefault(definition, DefinitionMarks.NONE);
                    definitions.put(definition, new DefinitionMarks(m.base(), true, m.exclusion()));
                } else {
                    throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "GROUPS is not supported here");
                }
                // "range " has the length of "groups": JSqlParser parses a RANGE frame, restore marks it GROUPS.
                System.arraycopy("range ".toCharArray(), 0, text, t.position(), 6);
            } else if (t.is("window")) {
                inWindowClause = true;
                lastWasOver = false;
                definition = null;
            } else if (inWindowClause && t.is("as") && next.isSymbol("(") && i > 0
                    && tokens.get(i - 1).kind() == Token.Kind.IDENT) {
                // WINDOW name AS (...): frame clauses up to the next OVER belong to this definition.
                definition = tokens.get(i - 1).text();
                lastWasOver = false;
                if (!definitionNames.add(definition)) {
                    repeatedNames.add(definition);
                }
                Token base = tokens.get(i + 2);
                if (i + 3 < tokens.size() && base.kind() == Token.Kind.IDENT && !startsWindowSpec(base)
                        && (startsWindowSpec(tokens.get(i + 3)) || tokens.get(i + 3).isSymbol(")"))) {
                    definitions.put(definition, new DefinitionMarks(base.text(), false,
                            WindowFrame.Exclusion.NO_OTHERS));
                    blank(text, base);
                }
            } else if (t.is("between") && !(i > 0 && (tokens.get(i - 1).is("rows") || tokens.get(i - 1).is("range")
                    || tokens.get(i - 1).is("groups")))) {
                // (ROWS/RANGE BETWEEN of a window frame is no Between node, so it is not counted.)
                boolean isSymmetric = next.is("symmetric");
                symmetric.add(isSymmetric);
                if (isSymmetric || next.is("asymmetric")) {
                    blank(text, next);
                }
            }
        }
        for (String name : definitions.keySet()) {
            if (repeatedNames.contains(name)) {
                // Marks are matched to definitions by name: refuse rather than guess between two.
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "window \"" + name
                        + "\" is defined by several WINDOW clauses of this statement and one of them uses"
                        + " a base window, GROUPS or EXCLUDE");
            }
        }
        return new Rewrite(new String(text), all, symmetric, windowRefs, groupsFrames, exclusions, definitions);
    }

    private static void blank(char[] text, Token word) {
        for (int i = 0; i < word.text().length(); i++) {
            text[word.position() + i] = ' ';
        }
    }

    /** Puts what {@link #rewrite} removed back into the parsed tree. */
    static void restore(Statement statement, Rewrite rewrite) {
        List<SetOperationSlot> slots = new ArrayList<>();
        List<Between> betweens = new ArrayList<>();
        List<AnalyticExpression> overs = new ArrayList<>();
        StringBuilder sink = new StringBuilder();
        ExpressionDeParser expressions = new ExpressionDeParser() {
            @Override
            public <S> StringBuilder visit(AnalyticExpression call, S context) {
                // In text order: the arguments' OVER keywords come before this call's.
                for (var e : java.util.Arrays.asList(call.getExpression(), call.getOffset(), call.getDefaultValue(),
                        call.getFilterExpression())) {
                    if (e != null) {
                        e.accept(this, context);
                    }
                }
                if (call.getType() != AnalyticType.FILTER_ONLY) {
                    overs.add(call);
                }
                if (call.getPartitionExpressionList() != null) {
                    call.getPartitionExpressionList().accept(this, context);
                }
                if (call.getOrderByElements() != null) {
                    call.getOrderByElements().forEach(o -> o.getExpression().accept(this, context));
                }
                return buffer;
            }

            @Override
            public <S> StringBuilder visit(Between between, S context) {
                // In text order: the left operand's BETWEENs come before this one's keyword.
                between.getLeftExpression().accept(this, context);
                betweens.add(between);
                between.getBetweenExpressionStart().accept(this, context);
                between.getBetweenExpressionEnd().accept(this, context);
                return buffer;
            }
        };
        List<net.sf.jsqlparser.statement.select.PlainSelect> plainSelects = new ArrayList<>();
        SelectDeParser selects = new SelectDeParser(expressions, sink) {
            @Override
            public <S> StringBuilder visit(net.sf.jsqlparser.statement.select.PlainSelect select, S context) {
                if (select.getWindowDefinitions() != null && !select.getWindowDefinitions().isEmpty()) {
                    plainSelects.add(select);
                }
                return super.visit(select, context);
            }

            @Override
            public <S> StringBuilder visit(SetOperationList list, S context) {
                // The deparser prints operator i just before operand i+1, that is in text order:
                // stand-ins record themselves when printed.
                List<SetOperation> ops = list.getOperations();
                for (int i = 0; i < ops.size(); i++) {
                    ops.set(i, new Probe(ops.get(i), list, i, slots));
                }
                try {
                    return super.visit(list, context);
                } finally {
                    for (int i = 0; i < ops.size(); i++) {
                        if (ops.get(i) instanceof Probe probe) {
                            ops.set(i, probe.original);
                        }
                    }
                }
            }
        };
        expressions.setSelectVisitor(selects);
        expressions.setBuffer(sink);
        statement.accept(new StatementDeParser(expressions, selects, sink));
        slots.removeIf(slot -> !(slot.original() instanceof IntersectOp || slot.original() instanceof ExceptOp));
        if (slots.size() != rewrite.setOperationAll().size() || betweens.size() != rewrite.betweenSymmetric().size()) {
            // The tree holds these keywords somewhere the deparser does not reach: refuse rather than guess.
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                    "INTERSECT ALL, EXCEPT ALL or BETWEEN SYMMETRIC is not supported in this position");
        }
        for (int i = 0; i < slots.size(); i++) {
            if (rewrite.setOperationAll().get(i)) {
                SetOperationSlot slot = slots.get(i);
                slot.list().getOperations().set(slot.index(),
                        slot.original() instanceof IntersectOp ? new AllIntersect() : new AllExcept());
            }
        }
        for (int i = 0; i < betweens.size(); i++) {
            if (rewrite.betweenSymmetric().get(i)) {
                betweens.get(i).setASTNode(SYMMETRIC);
            }
        }
        for (var select : plainSelects) {
            java.util.Map<String, DefinitionMarks> marks = new java.util.HashMap<>();
            for (var d : select.getWindowDefinitions()) {
                String name = d.getWindowName().toLowerCase(java.util.Locale.ROOT);
                if (rewrite.windowDefinitions().containsKey(name)) {
                    marks.put(name, rewrite.windowDefinitions().get(name));
                }
            }
            if (!marks.isEmpty()) {
                select.setASTNode(new WindowClauseMarks(marks));
            }
        }
        if (rewrite.hasWindowReferences()) {
            if (overs.size() != rewrite.windowReferences().size()) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                        "OVER (window_name ...) is not supported in this position");
            }
            for (int i = 0; i < overs.size(); i++) {
                String name = rewrite.windowReferences().get(i);
                boolean groups = rewrite.groupsFrames().contains(i);
                WindowFrame.Exclusion exclusion = rewrite.exclusions().get(i);
                if (name != null) {
                    overs.get(i).setWindowName(name);
                }
                if (name != null || groups || exclusion != null) {
                    overs.get(i).setASTNode(new WindowMarks(name != null, groups,
                            exclusion == null ? WindowFrame.Exclusion.NO_OTHERS : exclusion));
                }
            }
        }
    }

    private record SetOperationSlot(SetOperationList list, int index, SetOperation original) {
    }

    /** Stands in for an operator while the tree is printed, to learn its place in the text. */
    private static final class Probe extends SetOperation {
        private final SetOperation original;
        private final SetOperationList list;
        private final int index;
        private final List<SetOperationSlot> slots;

        Probe(SetOperation original, SetOperationList list, int index, List<SetOperationSlot> slots) {
            super(SetOperationList.SetOperationType.UNION);
            this.original = original;
            this.list = list;
            this.index = index;
            this.slots = slots;
        }

        @Override
        public String toString() {
            slots.add(new SetOperationSlot(list, index, original));
            return original.toString();
        }
    }

    /** INTERSECT ALL, which JSqlParser's IntersectOp cannot express. */
    static final class AllIntersect extends IntersectOp {
        @Override
        public String toString() {
            return "INTERSECT ALL";
        }
    }

    /** EXCEPT ALL, which JSqlParser's ExceptOp cannot express. */
    static final class AllExcept extends ExceptOp {
        @Override
        public String toString() {
            return "EXCEPT ALL";
        }
    }
}
