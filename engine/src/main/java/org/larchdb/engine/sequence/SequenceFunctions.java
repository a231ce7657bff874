package org.larchdb.engine.sequence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.larchdb.engine.catalog.Catalog;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.catalog.ColumnInfo;
import org.larchdb.engine.catalog.NamespaceInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.catalog.SequenceInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.RoleInfo;

/**
 * One session's sequence functions: nextval, currval, setval, lastval and pg_get_serial_sequence.
 * currval and lastval are session state, as in PostgreSQL. Privileges: the sequence's owner or a
 * superuser only (PostgreSQL's USAGE/SELECT/UPDATE grants on sequences are not modelled yet).
 * Not thread-safe: a session runs one statement at a time.
 */
public final class SequenceFunctions {
    private final Catalog catalog;
    private final SequenceStore store;
    private final Supplier<List<String>> searchPath;
    private final Supplier<RoleInfo> role;
    private final java.util.function.BooleanSupplier readOnly;
    private final Map<Long, Long> currentValues = new HashMap<>();
    private long lastSequence;

    /** {@code readOnly} answers whether the current transaction is read-only (nextval and setval then fail). */
    public SequenceFunctions(Catalog catalog, SequenceStore store, Supplier<List<String>> searchPath,
                             Supplier<RoleInfo> role, java.util.function.BooleanSupplier readOnly) {
        this.catalog = catalog;
        this.store = store;
        this.searchPath = searchPath;
        this.role = role;
        this.readOnly = readOnly;
    }

    public long nextval(String name) {
        Target t = resolve(name);
        checkWritable("nextval()");
        long value = store.next(t.relation, t.parameters);
        currentValues.put(t.relation.oid(), value);
        lastSequence = t.relation.oid();
        return value;
    }

    public long currval(String name) {
        Target t = resolve(name);
        Long value = currentValues.get(t.relation.oid());
        if (value == null) {
            throw new DbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "currval of sequence \""
                    + t.relation.name() + "\" is not yet defined in this session");
        }
        return value;
    }

    public long lastval() {
        if (lastSequence == 0) {
            throw new DbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "lastval is not yet defined in this session");
        }
        RelationInfo rel = catalog.snapshot().relation(lastSequence);
        if (rel == null) {
            throw new DbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "lastval is not yet defined in this session");
        }
        checkOwner(rel);
        return currentValues.get(lastSequence);
    }

    public long setval(String name, long value, boolean isCalled) {
        Target t = resolve(name);
        checkWritable("setval()");
        store.set(t.relation, t.parameters, value, isCalled);
        if (isCalled) {
            // currval changes; lastval still names the sequence of the last nextval (PostgreSQL's do_setval).
            currentValues.put(t.relation.oid(), value);
        }
        return value;
    }

    /** pg_get_serial_sequence(table, column): the owned sequence's qualified name, or null. */
    public String serialSequence(String table, String column) {
        CatalogSnapshot snapshot = catalog.snapshot();
        RelationInfo rel = lookup(snapshot, table);
        ColumnInfo col = rel.column(column);
        if (col == null) {
            throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \""
                    + rel.name() + "\" does not exist");
        }
        for (SequenceInfo s : snapshot.sequencesByOid().values()) {
            if (s.ownerTable() == rel.oid() && s.ownerColumn() == col.attnum()) {
                RelationInfo seq = snapshot.relation(s.oid());
                return quoteIdent(seq.namespaceName()) + "." + quoteIdent(seq.name());
            }
        }
        return null;
    }

    private record Target(RelationInfo relation, SequenceInfo parameters) {
    }

    private Target resolve(String name) {
        CatalogSnapshot snapshot = catalog.snapshot();
        RelationInfo rel = lookup(snapshot, name);
        SequenceInfo p = snapshot.sequence(rel.oid());
        if (!rel.isSequence() || p == null) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a sequence");
        }
        checkOwner(rel);
        return new Target(rel, p);
    }

    private void checkWritable(String function) {
        if (readOnly.getAsBoolean()) {
            throw new DbException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + function
                    + " in a read-only transaction");
        }
    }

    private void checkOwner(RelationInfo rel) {
        RoleInfo me = role.get();
        if (!me.superuser() && me.oid() != rel.owner()) {
            throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for sequence " + rel.name());
        }
    }

    /** A relation named by text as regclass input does: optionally qualified, quoted parts kept as written. */
    private RelationInfo lookup(CatalogSnapshot snapshot, String text) {
        List<String> parts = parseQualifiedName(text);
        if (parts.size() > 3) {
            throw new DbException(SqlState.SYNTAX_ERROR, "improper relation name (too many dotted names): " + text);
        }
        String relName = parts.get(parts.size() - 1);
        if (parts.size() >= 2) {
            String schema = parts.get(parts.size() - 2);
            NamespaceInfo ns = snapshot.namespace(schema);
            if (ns == null) {
                throw new DbException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
            }
            RelationInfo rel = snapshot.relation(ns.oid(), relName);
            if (rel == null) {
                throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + schema + "." + relName
                        + "\" does not exist");
            }
            return rel;
        }
        List<String> path = new ArrayList<>();
        path.add("pg_catalog");
        path.addAll(searchPath.get());
        for (String s : path) {
            NamespaceInfo ns = snapshot.namespace(s.equals("$user") ? role.get().name() : s);
            if (ns != null) {
                RelationInfo rel = snapshot.relation(ns.oid(), relName);
                if (rel != null) {
                    return rel;
                }
            }
        }
        throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + relName + "\" does not exist");
    }

    /** PostgreSQL's stringToQualifiedNameList: dot-separated, unquoted parts lower-cased. */
    static List<String> parseQualifiedName(String text) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder part = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw invalidName();
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            part.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        part.append(c);
                    }
                }
                if (part.isEmpty()) {
                    throw invalidName();
                }
            } else {
                while (i < n && text.charAt(i) != '.' && !Character.isWhitespace(text.charAt(i))) {
                    part.append(Character.toLowerCase(text.charAt(i++)));
                }
                if (part.isEmpty()) {
                    throw invalidName();
                }
            }
            parts.add(part.toString());
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return parts;
            }
            if (text.charAt(i) != '.') {
                throw invalidName();
            }
            i++;
        }
    }

    private static DbException invalidName() {
        return new DbException(SqlState.INVALID_NAME, "invalid name syntax");
    }

    static String quoteIdent(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
