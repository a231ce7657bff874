package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import org.larchdb.engine.ResultColumn;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.expr.Expr;
import org.larchdb.engine.plan.PlanNode;
import org.larchdb.engine.plan.ProjectNode;
import org.larchdb.engine.plan.RecursiveUnionNode;
import org.larchdb.engine.plan.WorkTableScanNode;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.Operators;

/**
 * Analyzes a WITH list into named queries for the statement's FROM clauses. Each query is planned
 * once and its plan shared by all references. A WITH RECURSIVE query of the form
 * {@code non-recursive UNION [ALL] recursive} whose second term reads itself becomes a
 * {@link RecursiveUnionNode}, with the self-reference planned as a {@link WorkTableScanNode}.
 */
final class WithClause {
    private final SelectAnalyzer owner;

    WithClause(SelectAnalyzer owner) {
        this.owner = owner;
    }

    /** The WITH queries visible after {@code items}: the inherited ones, shadowed by these. */
    Map<String, CommonTableExpression> analyze(List<WithItem<?>> items, Map<String, CommonTableExpression> inherited) {
        Map<String, CommonTableExpression> visible = new LinkedHashMap<>(inherited);
        Set<String> names = new HashSet<>();
        boolean recursive = items.stream().anyMatch(WithItem::isRecursive);
        for (WithItem<?> item : items) {
            String name = Names.identifier(item.getAlias().getName());
            if (!names.add(name)) {
                throw new DbException(SqlState.DUPLICATE_ALIAS, "WITH query name \"" + name
                        + "\" specified more than once");
            }
            ParenthesedSelect body = item.getSelect();
            if (body == null) {
                throw DbException.notSupported("data-modifying statements in WITH");
            }
            List<String> aliases = new ArrayList<>();
            if (item.getWithItemList() != null) {
                for (SelectItem<?> c : item.getWithItemList()) {
                    aliases.add(Names.identifier(c.getExpression().toString()));
                }
            }
            CommonTableExpression cte = null;
            if (recursive && body.getSelect() instanceof SetOperationList list && list.getSelects().size() == 2) {
                cte = recursiveQuery(name, aliases, list, visible);
            }
            if (cte == null) {
                owner.setCtes(visible);
                SelectAnalyzer.Output out = owner.child(owner.enclosing()).analyze(body.getSelect());
                cte = new CommonTableExpression(name, out.plan(), columnNames(name, out.columns(), aliases),
                        out.plan().outputTypes());
            }
            visible.put(name, cte);
        }
        return visible;
    }

    /** The recursive query, or null when the second term does not read {@code name} (a plain query then). */
    private CommonTableExpression recursiveQuery(String name, List<String> aliases, SetOperationList list,
                                                 Map<String, CommonTableExpression> visible) {
        String op = list.getOperations().get(0).toString().trim().toUpperCase(Locale.ROOT);
        if (!op.startsWith("UNION")) {
            return null;
        }
        boolean all = op.endsWith("ALL");
        owner.setCtes(visible);
        SelectAnalyzer.Output base = owner.child(owner.enclosing()).analyze(list.getSelects().get(0));
        List<String> columns = columnNames(name, base.columns(), aliases);
        List<DataType> types = base.plan().outputTypes();
        Object key = new Object();
        CommonTableExpression self = new CommonTableExpression(name, new WorkTableScanNode(key, name, types),
                columns, types);
        Map<String, CommonTableExpression> withSelf = new LinkedHashMap<>(visible);
        withSelf.put(name, self);
        owner.setCtes(withSelf);
        SelectAnalyzer.Output step = owner.child(owner.enclosing()).analyze(list.getSelects().get(1));
        owner.setCtes(visible);
        if (!self.referenced()[0]) {
            return null;
        }
        if (list.getOrderByElements() != null || list.getLimit() != null || list.getOffset() != null) {
            throw DbException.notSupported("ORDER BY/LIMIT/OFFSET in a recursive query");
        }
        if (step.columns().size() != types.size()) {
            throw new DbException(SqlState.SYNTAX_ERROR, "each UNION query must have the same number of columns");
        }
        List<Expr> casts = new ArrayList<>();
        ExprBinder binder = owner.binder(Scope.empty());
        for (int i = 0; i < types.size(); i++) {
            DataType stepType = step.plan().outputTypes().get(i);
            DataType overall = Operators.commonType(List.of(types.get(i), stepType), "UNION");
            if (overall.type() != types.get(i).type()) {
                throw new DbException(SqlState.DATATYPE_MISMATCH, "recursive query \"" + name + "\" column " + (i + 1)
                        + " has type " + types.get(i).displayName() + " in non-recursive term but type "
                        + overall.displayName() + " overall")
                        .withHint("Cast the output of the non-recursive term to the correct type.");
            }
            casts.add(binder.coerce(new Expr.ColumnRef(i, stepType, null), types.get(i), Casts.Context.IMPLICIT));
        }
        PlanNode stepPlan = step.plan().outputTypes().equals(types) ? step.plan() : new ProjectNode(step.plan(), casts);
        return new CommonTableExpression(name, new RecursiveUnionNode(key, base.plan(), stepPlan, all), columns, types);
    }

    private static List<String> columnNames(String name, List<ResultColumn> columns, List<String> aliases) {
        List<String> out = new ArrayList<>(columns.stream().map(ResultColumn::name).toList());
        if (aliases.size() > out.size()) {
            throw new DbException(SqlState.INVALID_COLUMN_REFERENCE, "WITH query \"" + name + "\" has " + out.size()
                    + " columns available but " + aliases.size() + " columns specified");
        }
        for (int i = 0; i < aliases.size(); i++) {
            out.set(i, aliases.get(i));
        }
        return out;
    }
}
