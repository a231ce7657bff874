package org.larchdb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.sql.UtilityStatement.QualifiedName;
import org.larchdb.engine.sql.UtilityStatement.RoleOptions;

/**
 * Recursive-descent parser for {@link UtilityStatement}s. {@link #tryParse} returns null when the
 * text is not a utility statement, so it goes to JSqlParser.
 */
public final class UtilityParser {
    private final String sql;
    private final List<Token> tokens;
    private int pos;

    private UtilityParser(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokenize(sql);
    }

    /** Parses a utility statement, or returns null if {@code sql} is some other kind of statement. */
    public static UtilityStatement tryParse(String sql) {
        UtilityParser p = new UtilityParser(sql);
        Token first = p.peek();
        if (first.kind() != Token.Kind.IDENT) {
            return null;
        }
        UtilityStatement s = switch (first.text()) {
            case "begin", "start" -> p.parseBegin();
            case "commit", "end" -> p.parseEndTransaction(new UtilityStatement.Commit());
            case "rollback", "abort" -> p.parseEndTransaction(new UtilityStatement.Rollback());
            case "set" -> p.parseSet();
            case "savepoint" -> {
                p.next();
                yield new UtilityStatement.Savepoint(p.parseSavepointName());
            }
            case "release" -> {
                p.next();
                if (p.peek().is("savepoint")) {
                    p.next();
                }
                yield new UtilityStatement.ReleaseSavepoint(p.parseSavepointName());
            }
            case "lock" -> p.parseLockTable();
            case "truncate" -> p.tableCommand(TableCommandParser::truncate);
            case "comment" -> p.peekAt(1).is("on") ? p.tableCommand(TableCommandParser::comment) : null;
            case "checkpoint" -> {
                p.next();
                yield new UtilityStatement.Checkpoint();
            }
            case "reset" -> p.parseReset();
            case "show" -> p.parseShow();
            case "create" -> p.peekAt(1).is("sequence") ? p.withSequenceParser(SequenceParser::parseCreate)
                    : p.peekAt(1).is("role") || p.peekAt(1).is("user") ? p.parseCreateRole()
                    : p.isCreateTable() ? p.parseCreateTable()
                    : ViewParser.isCreateView(p.tokens) ? p.view(ViewParser::createView)
                    : p.peekAt(1).is("schema") ? p.ddl(DdlParser::createSchema)
                    : p.peekAt(1).is("index") || (p.peekAt(1).is("unique") && p.peekAt(2).is("index"))
                    ? p.parseCreateIndex() : null;
            case "alter" -> p.peekAt(1).is("role") || p.peekAt(1).is("user") ? p.parseAlterRole()
                    : p.peekAt(1).is("table") ? p.ddl(DdlParser::alterTable)
                    : p.peekAt(1).is("sequence") ? p.withSequenceParser(SequenceParser::parseAlter) : null;
            case "drop" -> p.peekAt(1).is("role") || p.peekAt(1).is("user") ? p.parseDropRole()
                    : p.peekAt(1).is("table") ? p.parseDropTable()
                    : p.peekAt(1).is("view") ? p.view(ViewParser::dropView)
                    : p.peekAt(1).is("schema") ? p.ddl(DdlParser::dropSchema)
                    : p.peekAt(1).is("index") ? p.parseDropIndex()
                    : p.peekAt(1).is("sequence") ? p.withSequenceParser(SequenceParser::parseDrop) : null;
            default -> null;
        };
        if (s != null) {
            p.expectEnd();
        }
        return s;
    }

    /**
     * ALTER TABLE ... ADD COLUMN: one column definition with CREATE TABLE's rules, from {@code in}'s
     * position; the cursor continues after it. PRIMARY KEY/UNIQUE on the column are refused (0A000).
     */
    static UtilityStatement.ColumnDefinition addedColumn(TokenCursor in, String table,
                                                         List<UtilityStatement.CheckConstraint> checks) {
        UtilityParser p = new UtilityParser(in.sql(), in.tokens());
        p.pos = in.position();
        List<UtilityStatement.KeyConstraint> keys = new ArrayList<>();
        List<UtilityStatement.ForeignKeyConstraint> references = new ArrayList<>();
        UtilityStatement.ColumnDefinition def = p.parseColumnDefinition(table, keys, checks, references);
        if (!references.isEmpty()) {
            throw DbException.notSupported("ALTER TABLE ... ADD COLUMN with REFERENCES");
        }
        if (!keys.isEmpty()) {
            throw DbException.notSupported("ALTER TABLE ... ADD COLUMN with " + (keys.get(0).primary()
                    ? "PRIMARY KEY" : "UNIQUE"));
        }
        in.moveTo(p.pos);
        return def;
    }

    /** A type name as CREATE TABLE reads it, from {@code in}'s position (ALTER COLUMN ... TYPE). */
    static String typeNameAt(TokenCursor in) {
        UtilityParser p = new UtilityParser(in.sql(), in.tokens());
        p.pos = in.position();
        String name = p.parseTypeName();
        in.moveTo(p.pos);
        return name;
    }

    private UtilityParser(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    /** Parses with {@link DdlParser} from here, then continues after what it consumed. */
    private UtilityStatement ddl(java.util.function.Function<DdlParser, UtilityStatement> form) {
        TokenCursor cursor = new TokenCursor(sql, tokens, pos);
        UtilityStatement s = form.apply(new DdlParser(cursor));
        pos = cursor.position();
        return s;
    }

    /** Parses with {@link ViewParser} from here, then continues after what it consumed. */
    private UtilityStatement view(java.util.function.Function<ViewParser, UtilityStatement> form) {
        TokenCursor cursor = new TokenCursor(sql, tokens, pos);
        UtilityStatement s = form.apply(new ViewParser(cursor, sql));
        pos = cursor.position();
        return s;
    }

    /** Parses with {@link TableCommandParser} from here, then continues after what it consumed. */
    private <T> T tableCommand(java.util.function.Function<TableCommandParser, T> form) {
        TokenCursor cursor = new TokenCursor(sql, tokens, pos);
        T result = form.apply(new TableCommandParser(sql, cursor));
        pos = cursor.position();
        return result;
    }

    /** CHECK (...) of CREATE TABLE, after the CHECK keyword. */
    private UtilityStatement.CheckConstraint parseCheck(String constraintName, boolean tableConstraint) {
        TokenCursor cursor = new TokenCursor(sql, tokens, pos);
        UtilityStatement.CheckConstraint check = cursor.check(constraintName, tableConstraint);
        pos = cursor.position();
        return check;
    }

    /** Parses with a {@link ForeignKeyParser} from here, then continues after what it consumed. */
    private UtilityStatement.ForeignKeyConstraint foreignKey(
            java.util.function.Function<ForeignKeyParser, UtilityStatement.ForeignKeyConstraint> form) {
        TokenCursor cursor = new TokenCursor(sql, tokens, pos);
        UtilityStatement.ForeignKeyConstraint fk = form.apply(new ForeignKeyParser(cursor));
        pos = cursor.position();
        return fk;
    }

    /** Parses with a {@link SequenceParser} continuing at this parser's position, then takes its end position. */
    private <T> T withSequenceParser(java.util.function.Function<SequenceParser, T> parse) {
        SequenceParser sp = new SequenceParser(tokens, pos);
        T result = parse.apply(sp);
        pos = sp.pos();
        return result;
    }

    private UtilityStatement parseBegin() {
        boolean start = next().is("start");
        if (start) {
            expectWord("transaction");
        } else if (peek().is("work") || peek().is("transaction")) {
            next();
        }
        TransactionModes modes = parseTransactionModes();
        return new UtilityStatement.Begin(modes.isolation, modes.readOnly, start);
    }

    private UtilityStatement parseEndTransaction(UtilityStatement result) {
        next();
        if (peek().is("work") || peek().is("transaction")) {
            next();
        }
        if (peek().is("and")) {
            throw DbException.notSupported("COMMIT AND CHAIN");
        }
        if (result instanceof UtilityStatement.Rollback && peek().is("to")) {
            next();
            if (peek().is("savepoint")) {
                next();
            }
            return new UtilityStatement.RollbackToSavepoint(parseSavepointName());
        }
        return result;
    }

    private String parseSavepointName() {
        Token t = next();
        if (t.kind() != Token.Kind.IDENT && t.kind() != Token.Kind.QUOTED_IDENT) {
            throw syntaxError(t);
        }
        return t.text();
    }

    /** LOCK [TABLE] [ONLY] name [*] [, ...] [IN lockmode MODE] [NOWAIT]. */
    private UtilityStatement parseLockTable() {
        next();
        if (peek().is("table")) {
            next();
        }
        List<UtilityStatement.QualifiedName> names = new ArrayList<>();
        do {
            if (!names.isEmpty()) {
                next(); // the comma
            }
            if (peek().is("only")) {
                next();
            }
            names.add(parseQualifiedName());
            if (peek().isSymbol("*")) {
                next();
            }
        } while (peek().isSymbol(","));
        String mode = "ACCESS EXCLUSIVE";
        if (peek().is("in")) {
            next();
            Token first = peek();
            StringBuilder words = new StringBuilder();
            while (peek().kind() == Token.Kind.IDENT && !peek().is("mode")) {
                words.append(words.isEmpty() ? "" : " ").append(next().text());
            }
            expectWord("mode");
            mode = words.toString().toUpperCase(java.util.Locale.ROOT);
            if (!List.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE",
                    "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE").contains(mode)) {
                throw syntaxError(first);
            }
        }
        boolean nowait = false;
        if (peek().is("nowait")) {
            next();
            nowait = true;
        }
        return new UtilityStatement.LockTable(names, mode, nowait);
    }

    private record TransactionModes(String isolation, Boolean readOnly) {
    }

    private TransactionModes parseTransactionModes() {
        String isolation = null;
        Boolean readOnly = null;
        while (peek().kind() == Token.Kind.IDENT) {
            if (peek().is("isolation")) {
                next();
                expectWord("level");
                Token t = next();
                isolation = switch (t.text()) {
                    case "serializable" -> "serializable";
                    case "read" -> {
                        Token u = next();
                        if (u.is("committed")) {
                            yield "read committed";
                        }
                        if (u.is("uncommitted")) {
                            yield "read uncommitted";
                        }
                        throw syntaxError(u);
                    }
                    case "repeatable" -> {
                        expectWord("read");
                        yield "repeatable read";
                    }
                    default -> throw syntaxError(t);
                };
            } else if (peek().is("read")) {
                next();
                Token t = next();
                if (t.is("only")) {
                    readOnly = true;
                } else if (t.is("write")) {
                    readOnly = false;
                } else {
                    throw syntaxError(t);
                }
            } else if (peek().is("deferrable") || peek().is("not")) {
                if (next().is("not")) {
                    expectWord("deferrable");
                }
            } else {
                break;
            }
            if (peek().isSymbol(",")) {
                next();
            }
        }
        return new TransactionModes(isolation, readOnly);
    }

    private UtilityStatement parseSet() {
        next();
        if (peek().is("constraints")) {
            return parseSetConstraints();
        }
        boolean local = false;
        if (peek().is("local")) {
            next();
            local = true;
        } else if (peek().is("session")) {
            next();
            if (peek().is("characteristics")) {
                next();
                expectWord("as");
                expectWord("transaction");
                TransactionModes m = parseTransactionModes();
                if (m.readOnly != null) {
                    return new UtilityStatement.SetVariable("default_transaction_read_only",
                            m.readOnly ? "on" : "off", false);
                }
                return new UtilityStatement.SetVariable("default_transaction_isolation", m.isolation, false);
            }
            if (peek().is("authorization")) {
                throw DbException.notSupported("SET SESSION AUTHORIZATION");
            }
        }
        if (peek().is("transaction")) {
            next();
            TransactionModes m = parseTransactionModes();
            return new UtilityStatement.SetTransaction(m.isolation, m.readOnly);
        }
        if (peek().is("time") && peekAt(1).is("zone")) {
            next();
            next();
            if (peek().is("local") || peek().is("default")) {
                next();
                return new UtilityStatement.SetVariable("TimeZone", null, local);
            }
            return new UtilityStatement.SetVariable("TimeZone", parseValueList(), local);
        }
        if (peek().is("role")) {
            throw DbException.notSupported("SET ROLE");
        }
        String name = parseParameterName();
        Token t = next();
        if (!t.is("to") && !t.isSymbol("=")) {
            throw syntaxError(t);
        }
        if (peek().is("default") && (peekAt(1).kind() == Token.Kind.END)) {
            next();
            return new UtilityStatement.SetVariable(name, null, local);
        }
        return new UtilityStatement.SetVariable(name, parseValueList(), local);
    }

    /** A SET value: comma-separated identifiers, strings and numbers, flattened as PostgreSQL does. */
    private String parseValueList() {
        StringBuilder sb = new StringBuilder();
        do {
            if (sb.length() > 0) {
                next();
                sb.append(", ");
            }
            Token t = next();
            switch (t.kind()) {
                case IDENT, STRING -> sb.append(t.text());
                case QUOTED_IDENT -> sb.append(needsQuotes(t.text()) ? "\"" + t.text() + "\"" : t.text());
                case NUMBER -> sb.append(t.text());
                case SYMBOL -> {
                    if ((t.text().equals("-") || t.text().equals("+")) && peek().kind() == Token.Kind.NUMBER) {
                        sb.append(t.text().equals("-") ? "-" : "").append(next().text());
                    } else {
                        throw syntaxError(t);
                    }
                }
                default -> throw syntaxError(t);
            }
        } while (peek().isSymbol(","));
        return sb.toString();
    }

    private static boolean needsQuotes(String ident) {
        return !ident.matches("[a-z_][a-z0-9_]*");
    }

    private String parseParameterName() {
        Token t = next();
        if (t.kind() != Token.Kind.IDENT && t.kind() != Token.Kind.QUOTED_IDENT) {
            throw syntaxError(t);
        }
        StringBuilder name = new StringBuilder(t.text());
        while (peek().isSymbol(".")) {
            next();
            name.append('.').append(next().text());
        }
        return name.toString();
    }

    private UtilityStatement parseReset() {
        next();
        return new UtilityStatement.ResetVariable(parseVariableOrAll());
    }

    /** The parameter named by RESET/SHOW: ALL (null), TIME ZONE, or a (dotted) parameter name. */
    private String parseVariableOrAll() {
        if (peek().is("all")) {
            next();
            return null;
        }
        if (peek().is("time") && peekAt(1).is("zone")) {
            next();
            next();
            return "TimeZone";
        }
        return parseParameterName();
    }

    private UtilityStatement parseShow() {
        next();
        if (peek().is("transaction") && peekAt(1).is("isolation")) {
            next();
            next();
            expectWord("level");
            return new UtilityStatement.ShowVariable("transaction_isolation");
        }
        return new UtilityStatement.ShowVariable(parseVariableOrAll());
    }

    private UtilityStatement parseCreateRole() {
        next();
        boolean user = next().is("user");
        String name = parseRoleName();
        return new UtilityStatement.CreateRole(name, parseRoleOptions(), user);
    }

    private UtilityStatement parseAlterRole() {
        next();
        next();
        String name = parseRoleName();
        if (peek().is("rename") || peek().is("set") || peek().is("reset")) {
            throw DbException.notSupported("ALTER ROLE " + peek().text().toUpperCase(java.util.Locale.ROOT));
        }
        return new UtilityStatement.AlterRole(name, parseRoleOptions());
    }

    private String parseRoleName() {
        Token t = next();
        if (t.kind() != Token.Kind.IDENT && t.kind() != Token.Kind.QUOTED_IDENT) {
            throw syntaxError(t);
        }
        return t.text();
    }

    private RoleOptions parseRoleOptions() {
        Boolean superuser = null, createDb = null, createRole = null, inherit = null, login = null;
        Boolean replication = null, bypass = null;
        Integer connLimit = null;
        String password = null;
        boolean passwordNull = false;
        String validUntil = null;
        if (peek().is("with")) {
            next();
        }
        while (peek().kind() != Token.Kind.END) {
            Token t = next();
            switch (t.text()) {
                case "superuser" -> superuser = true;
                case "nosuperuser" -> superuser = false;
                case "createdb" -> createDb = true;
                case "nocreatedb" -> createDb = false;
                case "createrole" -> createRole = true;
                case "nocreaterole" -> createRole = false;
                case "inherit" -> inherit = true;
                case "noinherit" -> inherit = false;
                case "login" -> login = true;
                case "nologin" -> login = false;
                case "replication" -> replication = true;
                case "noreplication" -> replication = false;
                case "bypassrls" -> bypass = true;
                case "nobypassrls" -> bypass = false;
                case "connection" -> {
                    expectWord("limit");
                    Token num = next();
                    boolean negative = num.isSymbol("-");
                    if (negative) {
                        num = next();
                    }
                    if (num.kind() != Token.Kind.NUMBER) {
                        throw syntaxError(num);
                    }
                    connLimit = Integer.parseInt(num.text()) * (negative ? -1 : 1);
                }
                case "encrypted", "password" -> {
                    if (t.is("encrypted")) {
                        expectWord("password");
                    }
                    Token p = next();
                    if (p.is("null")) {
                        passwordNull = true;
                    } else if (p.kind() == Token.Kind.STRING) {
                        password = p.text();
                    } else {
                        throw syntaxError(p);
                    }
                }
                case "valid" -> {
                    expectWord("until");
                    Token v = next();
                    if (v.kind() != Token.Kind.STRING) {
                        throw syntaxError(v);
                    }
                    validUntil = v.text();
                }
                case "in", "role", "admin", "user", "sysid" ->
                        throw DbException.notSupported("role membership options in CREATE/ALTER ROLE");
                default -> throw syntaxError(t);
            }
        }
        return new RoleOptions(superuser, createDb, createRole, inherit, login, replication, bypass, connLimit,
                password, passwordNull, validUntil);
    }

    /** SET CONSTRAINTS { ALL | name [, ...] } { DEFERRED | IMMEDIATE }, after SET. */
    private UtilityStatement parseSetConstraints() {
        next();
        List<QualifiedName> names = null;
        if (peek().is("all")) {
            next();
        } else {
            names = new ArrayList<>();
            do {
                if (!names.isEmpty()) {
                    next();
                }
                names.add(parseQualifiedName());
            } while (peek().isSymbol(","));
        }
        Token mode = next();
        if (!mode.is("deferred") && !mode.is("immediate")) {
            throw syntaxError(mode);
        }
        return new UtilityStatement.SetConstraints(names, mode.is("deferred"));
    }

    private boolean isCreateTable() {
        Token t = peekAt(1);
        return t.is("table") || ((t.is("temp") || t.is("temporary") || t.is("unlogged") || t.is("global")
                || t.is("local")) && (peekAt(2).is("table") || peekAt(3).is("table")));
    }

    private UtilityStatement parseCreateTable() {
        next();
        if (!peek().is("table")) {
            throw DbException.notSupported("CREATE " + peek().text().toUpperCase(java.util.Locale.ROOT) + " TABLE");
        }
        next();
        boolean ifNotExists = false;
        if (peek().is("if")) {
            next();
            expectWord("not");
            expectWord("exists");
            ifNotExists = true;
        }
        QualifiedName name = parseQualifiedName();
        if (TableCommandParser.isCreateTableAs(new TokenCursor(sql, tokens, pos))) {
            boolean ine = ifNotExists;
            return tableCommand(t -> t.createTableAs(name, ine));
        }
        if (peek().is("of") || peek().is("partition")) {
            throw DbException.notSupported("CREATE TABLE ... " + peek().text().toUpperCase(java.util.Locale.ROOT));
        }
        expectSymbol("(");
        List<UtilityStatement.ColumnDefinition> columns = new ArrayList<>();
        List<UtilityStatement.KeyConstraint> constraints = new ArrayList<>();
        List<UtilityStatement.CheckConstraint> checks = new ArrayList<>();
        List<UtilityStatement.LikeClause> likes = new ArrayList<>();
        List<UtilityStatement.ForeignKeyConstraint> foreignKeys = new ArrayList<>();
        boolean first = true;
        if (!peek().isSymbol(")")) {
            do {
                if (!first) {
                    expectSymbol(",");
                }
                first = false;
                if (peek().is("check") || peek().is("constraint") && peekAt(2).is("check")) {
                    String constraintName = null;
                    if (next().is("constraint")) {
                        constraintName = parseRoleName();
                        next();
                    }
                    checks.add(parseCheck(constraintName, true));
                } else if (peek().is("like")) {
                    int at = columns.size();
                    likes.add(tableCommand(t -> t.like(at)));
                } else if (peek().is("foreign") || peek().is("constraint") && peekAt(2).is("foreign")) {
                    String constraintName = null;
                    if (next().is("constraint")) {
                        constraintName = parseRoleName();
                        next();
                    }
                    String fkName = constraintName;
                    foreignKeys.add(foreignKey(f -> f.tableConstraint(fkName, false)));
                } else if (isTableConstraintStart()) {
                    constraints.add(parseTableConstraint());
                } else {
                    columns.add(parseColumnDefinition(name.name(), constraints, checks, foreignKeys));
                }
            } while (peek().isSymbol(","));
        }
        expectSymbol(")");
        if (peek().is("as")) {
            throw syntaxError(peek()); // AS after column definitions: PostgreSQL's grammar has no such form
        }
        if (peek().kind() != Token.Kind.END) {
            throw DbException.notSupported("CREATE TABLE options (" + peek().text() + ")");
        }
        return new UtilityStatement.CreateTable(name, ifNotExists, columns, constraints, checks, likes, foreignKeys);
    }

    /** [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols); other table constraints are not supported yet. */
    private UtilityStatement.KeyConstraint parseTableConstraint() {
        String constraintName = null;
        if (peek().is("constraint")) {
            next();
            constraintName = parseRoleName();
        }
        Token t = next();
        boolean primary;
        if (t.is("primary")) {
            expectWord("key");
            primary = true;
        } else if (t.is("unique")) {
            primary = false;
        } else if (t.is("check") || t.is("foreign") || t.is("exclude") || t.is("like")) {
            throw DbException.notSupported("table constraint " + t.text().toUpperCase(java.util.Locale.ROOT));
        } else {
            throw syntaxError(t);
        }
        expectSymbol("(");
        List<String> cols = new ArrayList<>();
        do {
            if (!cols.isEmpty()) {
                next();
            }
            cols.add(parseRoleName());
        } while (peek().isSymbol(","));
        expectSymbol(")");
        if (peek().is("include") || peek().is("with") || peek().is("using") || peek().is("deferrable")
                || peek().is("initially")) {
            throw DbException.notSupported("constraint option " + peek().text().toUpperCase(java.util.Locale.ROOT));
        }
        return new UtilityStatement.KeyConstraint(constraintName, primary, cols);
    }

    private UtilityStatement parseCreateIndex() {
        next();
        boolean unique = false;
        if (peek().is("unique")) {
            next();
            unique = true;
        }
        expectWord("index");
        if (peek().is("concurrently")) {
            throw DbException.notSupported("CREATE INDEX CONCURRENTLY");
        }
        boolean ifNotExists = false;
        if (peek().is("if")) {
            next();
            expectWord("not");
            expectWord("exists");
            ifNotExists = true;
        }
        String indexName = null;
        if (!peek().is("on")) {
            indexName = parseRoleName();
        }
        expectWord("on");
        if (peek().is("only")) {
            next();
        }
        QualifiedName table = parseQualifiedName();
        if (peek().is("using")) {
            next();
            Token method = next();
            if (!method.is("btree")) {
                throw DbException.notSupported("index access method \"" + method.text() + "\"");
            }
        }
        expectSymbol("(");
        List<UtilityStatement.IndexColumn> cols = new ArrayList<>();
        do {
            if (!cols.isEmpty()) {
                next();
            }
            Token col = peek();
            if (col.isSymbol("(")) {
                throw DbException.notSupported("indexes on expressions");
            }
            String column = parseRoleName();
            if (peek().isSymbol("(") || peek().isSymbol(".")) {
                throw DbException.notSupported("indexes on expressions");
            }
            boolean descending = false;
            Boolean nullsFirst = null;
            if (peek().is("asc")) {
                next();
            } else if (peek().is("desc")) {
                next();
                descending = true;
            }
            if (peek().is("nulls")) {
                next();
                Token which = next();
                if (which.is("first")) {
                    nullsFirst = true;
                } else if (which.is("last")) {
                    nullsFirst = false;
                } else {
                    throw syntaxError(which);
                }
            }
            cols.add(new UtilityStatement.IndexColumn(column, descending, nullsFirst));
        } while (peek().isSymbol(","));
        expectSymbol(")");
        if (peek().kind() != Token.Kind.END) {
            throw DbException.notSupported("CREATE INDEX option " + peek().text().toUpperCase(java.util.Locale.ROOT));
        }
        return new UtilityStatement.CreateIndex(indexName, table, unique, ifNotExists, cols);
    }

    private UtilityStatement parseDropIndex() {
        next();
        next();
        if (peek().is("concurrently")) {
            throw DbException.notSupported("DROP INDEX CONCURRENTLY");
        }
        boolean ifExists = parseIfExists();
        DropTargets targets = parseDropTargets();
        return new UtilityStatement.DropIndex(targets.names(), ifExists, targets.cascade());
    }

    private boolean isTableConstraintStart() {
        Token t = peek();
        return t.is("constraint") || t.is("primary") || t.is("unique") || t.is("check") || t.is("foreign")
                || t.is("like") || t.is("exclude");
    }

    private UtilityStatement.ColumnDefinition parseColumnDefinition(String table,
                                                                   List<UtilityStatement.KeyConstraint> constraints,
                                                                   List<UtilityStatement.CheckConstraint> checks,
                                                                   List<UtilityStatement.ForeignKeyConstraint> fks) {
        String column = parseRoleName();
        String typeName = parseTypeName();
        String constraintName = null;
        Boolean notNull = null;
        String defaultExpr = null;
        char identity = org.larchdb.engine.catalog.ColumnInfo.NO_IDENTITY;
        SequenceOptions identityOptions = null;
        while (!peek().isSymbol(",") && !peek().isSymbol(")") && peek().kind() != Token.Kind.END) {
            Token t = next();
            if (t.is("constraint")) {
                constraintName = parseRoleName();
                continue;
            }
            if (t.is("primary") || t.is("unique")) {
                boolean primary = t.is("primary");
                if (primary) {
                    expectWord("key");
                }
                constraints.add(new UtilityStatement.KeyConstraint(constraintName, primary, List.of(column)));
                constraintName = null;
                continue;
            }
            if (t.is("not") && peek().is("null") || t.is("null")) {
                boolean nn = t.is("not");
                if (nn) {
                    next();
                }
                if (notNull != null && notNull != nn) {
                    throw new DbException(SqlState.SYNTAX_ERROR, "conflicting NULL/NOT NULL declarations for column \""
                            + column + "\" of table \"" + table + "\"").withPosition(t.position() + 1);
                }
                notNull = nn;
            } else if (t.is("default")) {
                if (defaultExpr != null) {
                    throw new DbException(SqlState.SYNTAX_ERROR, "multiple default values specified for column \""
                            + column + "\" of table \"" + table + "\"").withPosition(t.position() + 1);
                }
                defaultExpr = captureExpression();
            } else if (t.is("check")) {
                checks.add(parseCheck(constraintName, false));
                constraintName = null;
            } else if (t.is("generated") && (peek().is("always") || peek().is("by"))
                    && !(peek().is("always") && peekAt(1).is("as") && peekAt(2).isSymbol("("))) {
                if (identity != org.larchdb.engine.catalog.ColumnInfo.NO_IDENTITY) {
                    throw new DbException(SqlState.SYNTAX_ERROR, "multiple identity specifications for column \""
                            + column + "\" of table \"" + table + "\"").withPosition(t.position() + 1);
                }
                SequenceParser.Identity spec = withSequenceParser(SequenceParser::parseIdentity);
                identity = spec.kind();
                identityOptions = spec.options();
            } else if (t.is("not")) {
                throw syntaxError(peek()); // NOT not followed by NULL (NOT VALID is for table constraints)
            } else if (t.is("references")) {
                String fkName = constraintName;
                fks.add(foreignKey(f -> f.columnConstraint(fkName, column)));
                constraintName = null;
            } else if (t.is("generated") || t.is("collate") || t.is("deferrable") || t.is("initially")) {
                throw DbException.notSupported("column constraint " + t.text().toUpperCase(java.util.Locale.ROOT)
                        + " — it arrives with the indexes and constraints work");
            } else {
                throw syntaxError(t);
            }
        }
        return new UtilityStatement.ColumnDefinition(column, typeName, notNull, defaultExpr, identity,
                identityOptions);
    }

    /** A type name as written: one or more words, optional modifiers, optional array brackets. */
    private String parseTypeName() {
        Token first = next();
        if (first.kind() != Token.Kind.IDENT && first.kind() != Token.Kind.QUOTED_IDENT) {
            throw syntaxError(first);
        }
        StringBuilder name = new StringBuilder(first.kind() == Token.Kind.QUOTED_IDENT ? "\"" + first.text() + "\""
                : first.text());
        if (peek().isSymbol(".")) {
            next();
            name.append('.').append(next().text());
        }
        switch (first.text()) {
            case "double" -> {
                expectWord("precision");
                name.append(" precision");
            }
            case "character", "char", "national", "bit" -> {
                if (first.is("national")) {
                    name.setLength(0);
                    name.append(next().text());
                }
                if (peek().is("varying")) {
                    next();
                    name.append(" varying");
                }
            }
            default -> {
            }
        }
        StringBuilder mods = new StringBuilder();
        if (peek().isSymbol("(")) {
            next();
            mods.append('(');
            while (!peek().isSymbol(")")) {
                Token m = next();
                if (m.kind() == Token.Kind.END) {
                    throw syntaxError(m);
                }
                mods.append(m.isSymbol(",") ? "," : m.text());
            }
            next();
            mods.append(')');
        }
        if ((first.is("timestamp") || first.is("time")) && (peek().is("with") || peek().is("without"))) {
            String w = next().text();
            expectWord("time");
            expectWord("zone");
            if (mods.length() > 0) {
                throw DbException.notSupported("timestamp precision");
            }
            return name + " " + w + " time zone" + arraySuffix();
        }
        return name.append(mods).append(arraySuffix()).toString();
    }

    /** "[]", "[3]", "[][]" or ARRAY [n] after a type name: PostgreSQL ignores the sizes, so this gives "[]" or "". */
    private String arraySuffix() {
        boolean array = false;
        while (peek().isSymbol("[") || peek().is("array")) {
            array = true;
            boolean keyword = next().is("array");
            if (keyword && !peek().isSymbol("[")) {
                break;
            }
            if (keyword) {
                next();
            }
            if (!peek().isSymbol("]")) {
                next(); // the ignored size
            }
            Token close = next();
            if (!close.isSymbol("]")) {
                throw syntaxError(close);
            }
        }
        return array ? "[]" : "";
    }

    /** The text of an expression up to the next column constraint keyword, ',' or ')' at depth 0. */
    private String captureExpression() {
        int start = peek().position();
        int depth = 0;
        int end = start;
        while (peek().kind() != Token.Kind.END) {
            Token t = peek();
            if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")") || t.is("not") && peekAt(1).is("null")
                    || t.is("null") && end > start || t.is("constraint") || t.is("primary") || t.is("unique")
                    || t.is("check") || t.is("references") || t.is("default") || t.is("generated") || t.is("collate"))) {
                break;
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            next();
            end = peek().position();
        }
        String text = sql.substring(start, Math.min(end, sql.length())).trim();
        if (text.isEmpty()) {
            throw syntaxError(peek());
        }
        return text;
    }

    private QualifiedName parseQualifiedName() {
        String first = parseRoleName();
        if (peek().isSymbol(".")) {
            next();
            return new QualifiedName(first, parseRoleName());
        }
        return new QualifiedName(null, first);
    }

    private void expectSymbol(String symbol) {
        Token t = next();
        if (!t.isSymbol(symbol)) {
            throw syntaxError(t);
        }
    }

    private UtilityStatement parseDropRole() {
        next();
        next();
        boolean ifExists = parseIfExists();
        List<String> names = new ArrayList<>();
        names.add(parseRoleName());
        while (peek().isSymbol(",")) {
            next();
            names.add(parseRoleName());
        }
        return new UtilityStatement.DropRole(names, ifExists);
    }

    private UtilityStatement parseDropTable() {
        next();
        next();
        boolean ifExists = parseIfExists();
        DropTargets targets = parseDropTargets();
        return new UtilityStatement.DropTable(targets.names(), ifExists, targets.cascade());
    }

    private record DropTargets(List<QualifiedName> names, boolean cascade) {
    }

    /** {@code name [, ...] [CASCADE | RESTRICT]} of a DROP statement. */
    private DropTargets parseDropTargets() {
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
        return new DropTargets(names, cascade);
    }

    private boolean parseIfExists() {
        if (peek().is("if")) {
            next();
            expectWord("exists");
            return true;
        }
        return false;
    }

    // ---- token helpers

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
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
            throw syntaxError(t);
        }
    }

    private void expectEnd() {
        if (peek().kind() != Token.Kind.END) {
            throw syntaxError(peek());
        }
    }

    /** PostgreSQL's {@code syntax error at or near "x"} / {@code at end of input}, with the position. */
    static DbException syntaxError(Token t) {
        String msg = t.kind() == Token.Kind.END ? "syntax error at end of input"
                : "syntax error at or near \"" + (t.kind() == Token.Kind.IDENT ? t.spelling() : t.text()) + "\"";
        return new DbException(SqlState.SYNTAX_ERROR, msg).withPosition(t.position() + 1);
    }
}
