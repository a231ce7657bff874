package org.larchdb.engine.sql.functions;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.types.Casts;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.PgType;

/**
 * Chooses among a function's overloads as PostgreSQL's func_select_candidate does: candidates the arguments can
 * reach by implicit casts; then most exact matches; then most preferred types where a cast is needed; then, for
 * unknown literals, the string category if any candidate takes one there, else the category's preferred type.
 */
public final class FunctionResolution {
    private FunctionResolution() {
    }

    /**
     * @throws DbException 42883 {@code function f(integer) does not exist}, 42725 {@code function f(unknown) is not
     *         unique}, each with PostgreSQL's hint
     */
    public static FunctionSignature resolve(String name, List<FunctionSignature> overloads, List<DataType> args) {
        List<FunctionSignature> candidates = new ArrayList<>();
        for (FunctionSignature s : overloads) {
            if (s.accepts(args.size()) && reachable(s, args)) {
                candidates.add(s);
            }
        }
        if (candidates.isEmpty()) {
            throw notFound(name, args);
        }
        if (candidates.size() > 1) {
            candidates = keepBest(candidates, s -> count(s, args, true));
        }
        if (candidates.size() > 1) {
            candidates = keepBest(candidates, s -> count(s, args, false));
        }
        if (candidates.size() > 1) {
            candidates = byUnknowns(candidates, args);
        }
        if (candidates.size() != 1) {
            throw new DbException(SqlState.AMBIGUOUS_FUNCTION, "function " + name + "(" + typeList(args)
                    + ") is not unique").withHint("Could not choose a best candidate function. "
                    + "You might need to add explicit type casts.");
        }
        return candidates.get(0);
    }

    public static DbException notFound(String name, List<DataType> args) {
        return new DbException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + typeList(args)
                + ") does not exist").withHint("No function matches the given name and argument types. "
                + "You might need to add explicit type casts.");
    }

    private static String typeList(List<DataType> args) {
        return String.join(", ", args.stream().map(a -> a.type() == PgType.UNKNOWN ? "unknown" : a.displayName())
                .toList());
    }

    private static PgType param(FunctionSignature s, int i) {
        return i < s.argTypes().size() ? s.argTypes().get(i).type() : null; // null: variadic "any"
    }

    private static boolean reachable(FunctionSignature s, List<DataType> args) {
        for (int i = 0; i < args.size(); i++) {
            PgType want = param(s, i);
            PgType have = args.get(i).type();
            if (want != null && have != want && have != PgType.UNKNOWN
                    && !Casts.canCast(have, want, Casts.Context.IMPLICIT)) {
                return false;
            }
        }
        return true;
    }

    private static int count(FunctionSignature s, List<DataType> args, boolean exact) {
        int n = 0;
        for (int i = 0; i < args.size(); i++) {
            PgType want = param(s, i);
            PgType have = args.get(i).type();
            if (have == PgType.UNKNOWN) {
                continue;
            }
            if (exact ? want == null || want == have : want != null && want != have && isPreferred(want)) {
                n++;
            }
        }
        return n;
    }

    private interface Score {
        int of(FunctionSignature s);
    }

    private static List<FunctionSignature> keepBest(List<FunctionSignature> candidates, Score score) {
        int best = Integer.MIN_VALUE;
        List<FunctionSignature> kept = new ArrayList<>();
        for (FunctionSignature s : candidates) {
            int v = score.of(s);
            if (v > best) {
                best = v;
                kept.clear();
            }
            if (v == best) {
                kept.add(s);
            }
        }
        return kept;
    }

    private static List<FunctionSignature> byUnknowns(List<FunctionSignature> candidates, List<DataType> args) {
        List<FunctionSignature> kept = candidates;
        // When every known argument has the same type, unknowns are assumed to be of that type (step 4.f).
        PgType common = null;
        boolean same = true;
        for (DataType a : args) {
            if (a.type() != PgType.UNKNOWN) {
                same &= common == null || common == a.type();
                common = a.type();
            }
        }
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).type() != PgType.UNKNOWN) {
                continue;
            }
            final int at = i;
            boolean anyString = kept.stream().anyMatch(s -> param(s, at) != null && param(s, at).isString());
            List<FunctionSignature> next;
            if (anyString) {
                next = kept.stream().filter(s -> param(s, at) != null && param(s, at).isString()).toList();
                if (next.size() > 1) {
                    List<FunctionSignature> text = next.stream().filter(s -> param(s, at) == PgType.TEXT).toList();
                    next = text.isEmpty() ? next : text;
                }
            } else {
                List<FunctionSignature> preferred = kept.stream()
                        .filter(s -> param(s, at) != null && isPreferred(param(s, at))).toList();
                next = preferred.isEmpty() ? kept : preferred;
            }
            kept = next.isEmpty() ? kept : next;
        }
        if (kept.size() > 1 && same && common != null) {
            final PgType t = common;
            List<FunctionSignature> matching = kept.stream().filter(s -> {
                for (int i = 0; i < args.size(); i++) {
                    if (args.get(i).type() == PgType.UNKNOWN && param(s, i) != t) {
                        return false;
                    }
                }
                return true;
            }).toList();
            kept = matching.isEmpty() ? kept : matching;
        }
        return kept;
    }

    /** pg_type.typispreferred among LarchDB's types. */
    static boolean isPreferred(PgType t) {
        return t == PgType.FLOAT8 || t == PgType.TEXT || t == PgType.TIMESTAMPTZ || t == PgType.BOOL
                || t == PgType.OID;
    }
}
