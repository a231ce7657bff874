package org.larchdb.engine.config;

import static org.larchdb.engine.config.SettingContext.INTERNAL;
import static org.larchdb.engine.config.SettingContext.POSTMASTER;
import static org.larchdb.engine.config.SettingContext.SIGHUP;
import static org.larchdb.engine.config.SettingContext.SUPERUSER;
import static org.larchdb.engine.config.SettingContext.USER;

import java.util.List;
import org.larchdb.engine.config.SettingDefinition.Kind;

/** The parameters LarchDB knows, with PostgreSQL's names, units, defaults and contexts. */
final class SettingCatalog {
    private SettingCatalog() {
    }

    /** The PostgreSQL version LarchDB reports everywhere (ParameterStatus, SHOW, version()). */
    static final String SERVER_VERSION = "15.0";
    static final String SERVER_VERSION_NUM = "150000";

    static List<SettingDefinition> definitions() {
        return List.of(
                // Connections
                def("listen_addresses", Kind.STRING, null, "127.0.0.1", POSTMASTER, false,
                        "Sets the host name or IP address(es) to listen to."),
                def("port", Kind.INTEGER, null, "5432", POSTMASTER, false,
                        "Sets the TCP port the server listens on (0 picks a free port).").withRange(0L, 65535L),
                def("max_connections", Kind.INTEGER, null, "100", POSTMASTER, false,
                        "Sets the maximum number of concurrent connections.").withRange(1L, 262143L),
                def("hba_file", Kind.STRING, null, "", POSTMASTER, false,
                        "Sets the server's \"hba\" configuration file."),
                def("password_encryption", Kind.ENUM, null, "scram-sha-256", USER, false,
                        "Chooses the algorithm for encrypting passwords.", "md5", "scram-sha-256"),
                def("authentication_timeout", Kind.INTEGER, "s", "1min", SIGHUP, false,
                        "Sets the maximum allowed time to complete client authentication.").withRange(1L, 600L),
                def("max_message_size", Kind.INTEGER, "kB", "64MB", POSTMASTER, false,
                        "Sets the largest protocol message a client may send; larger ones close the connection.").withRange(64L, 1048576L),
                def("metrics_port", Kind.INTEGER, null, "9187", POSTMASTER, false,
                        "Sets the TCP port of the Prometheus /metrics endpoint (-1 disables it, 0 picks a free port).").withRange(-1L, 65535L),
                // Resources
                def("shared_buffers", Kind.INTEGER, "8kB", "128MB", POSTMASTER, false,
                        "Sets the number of shared memory buffers used by the server.").withRange(16L, 1073741823L),
                def("work_mem", Kind.INTEGER, "kB", "4MB", USER, false,
                        "Sets the maximum memory to be used for query workspaces.").withRange(64L, 2147483647L),
                // Locks and timeouts
                def("deadlock_timeout", Kind.INTEGER, "ms", "1s", SUPERUSER, false,
                        "Sets the time to wait on a lock before checking for deadlock.").withRange(1L, 2147483647L),
                def("lock_timeout", Kind.INTEGER, "ms", "0", USER, false,
                        "Sets the maximum allowed duration of any wait for a lock.").withRange(0L, 2147483647L),
                def("statement_timeout", Kind.INTEGER, "ms", "0", USER, false,
                        "Sets the maximum allowed duration of any statement.").withRange(0L, 2147483647L),
                def("lock_escalation_threshold", Kind.INTEGER, null, "5000", POSTMASTER, false,
                        "Sets the number of row locks one transaction may hold on one table before they are replaced by a table lock (0 disables escalation).").withRange(0L, 2147483647L),
                def("default_transaction_isolation", Kind.ENUM, null, "read committed", USER, false,
                        "Sets the transaction isolation level of each new transaction.",
                        "serializable", "repeatable read", "read committed", "read uncommitted"),
                def("transaction_isolation", Kind.ENUM, null, "read committed", USER, false,
                        "Sets the current transaction's isolation level.",
                        "serializable", "repeatable read", "read committed", "read uncommitted"),
                def("default_transaction_read_only", Kind.BOOL, null, "off", USER, true,
                        "Sets the default read-only status of new transactions."),
                def("transaction_read_only", Kind.BOOL, null, "off", USER, false,
                        "Sets the current transaction's read-only status."),
                // Client connection defaults
                def("search_path", Kind.STRING, null, "\"$user\", public", USER, false,
                        "Sets the schema search order for names that are not schema-qualified."),
                def("DateStyle", Kind.STRING, null, "ISO, MDY", USER, true,
                        "Sets the display format for date and time values."),
                def("IntervalStyle", Kind.ENUM, null, "postgres", USER, true,
                        "Sets the display format for interval values.",
                        "postgres", "postgres_verbose", "sql_standard", "iso_8601"),
                def("TimeZone", Kind.STRING, null, "UTC", USER, true,
                        "Sets the time zone for displaying and interpreting time stamps."),
                def("client_encoding", Kind.STRING, null, "UTF8", USER, true,
                        "Sets the client's character set encoding."),
                def("application_name", Kind.STRING, null, "", USER, true,
                        "Sets the application name to be reported in statistics and logs."),
                def("extra_float_digits", Kind.INTEGER, null, "1", USER, false,
                        "Sets the number of digits displayed for floating-point values.").withRange(-15L, 3L),
                def("standard_conforming_strings", Kind.BOOL, null, "on", USER, true,
                        "Causes '...' strings to treat backslashes literally."),
                def("client_min_messages", Kind.ENUM, null, "notice", USER, false,
                        "Sets the message levels that are sent to the client.",
                        "debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error"),
                def("lc_messages", Kind.STRING, null, "C", SUPERUSER, false,
                        "Sets the language in which messages are displayed."),
                def("lc_monetary", Kind.STRING, null, "C", USER, false,
                        "Sets the locale for formatting monetary amounts."),
                def("lc_numeric", Kind.STRING, null, "C", USER, false,
                        "Sets the locale for formatting numbers."),
                def("lc_time", Kind.STRING, null, "C", USER, false,
                        "Sets the locale for formatting date and time values."),
                def("bytea_output", Kind.ENUM, null, "hex", USER, false,
                        "Sets the output format for bytea.", "escape", "hex"),
                def("synchronous_commit", Kind.ENUM, null, "on", USER, false,
                        "Sets the current transaction's synchronization level.",
                        "local", "remote_write", "remote_apply", "on", "off"),
                // Write-ahead log: checkpoints (docs/storage.md §8)
                def("checkpoint_timeout", Kind.INTEGER, "s", "5min", SIGHUP, false,
                        "Sets the maximum time between automatic WAL checkpoints.").withRange(30L, 86400L),
                def("max_wal_size", Kind.INTEGER, "MB", "1GB", SIGHUP, false,
                        "Sets the WAL size that triggers a checkpoint.").withRange(2L, 2147483647L),
                // Logging
                def("log_connections", Kind.BOOL, null, "off", SIGHUP, false,
                        "Logs each successful connection."),
                def("log_disconnections", Kind.BOOL, null, "off", SIGHUP, false,
                        "Logs end of a session, including duration."),
                def("log_statement", Kind.ENUM, null, "none", SUPERUSER, false,
                        "Sets the type of statements logged.", "none", "ddl", "mod", "all"),
                def("log_min_duration_statement", Kind.INTEGER, "ms", "-1", SUPERUSER, false,
                        "Sets the minimum execution time above which all statements will be logged.").withRange(-1L, 2147483647L),
                def("log_min_messages", Kind.ENUM, null, "warning", SUPERUSER, false,
                        "Sets the message levels that are logged.",
                        "debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning",
                        "error", "log", "fatal", "panic"),
                // Preset (read-only) parameters
                def("server_version", Kind.STRING, null, SERVER_VERSION, INTERNAL, true,
                        "Shows the server version."),
                def("server_version_num", Kind.INTEGER, null, SERVER_VERSION_NUM, INTERNAL, false,
                        "Shows the server version as an integer."),
                def("server_encoding", Kind.STRING, null, "UTF8", INTERNAL, true,
                        "Shows the server (database) character set encoding."),
                def("integer_datetimes", Kind.BOOL, null, "on", INTERNAL, true,
                        "Shows whether datetimes are integer based."),
                def("block_size", Kind.INTEGER, null, "8192", INTERNAL, false,
                        "Shows the size of a disk block."),
                def("max_identifier_length", Kind.INTEGER, null, "63", INTERNAL, false,
                        "Shows the maximum identifier length."),
                def("in_hot_standby", Kind.BOOL, null, "off", INTERNAL, true,
                        "Shows whether hot standby is currently active."),
                def("is_superuser", Kind.BOOL, null, "off", INTERNAL, true,
                        "Shows whether the current user is a superuser."),
                def("session_authorization", Kind.STRING, null, "", INTERNAL, true,
                        "Sets the session user name."),
                def("data_directory", Kind.STRING, null, "", POSTMASTER, false,
                        "Sets the server's data directory."));
    }

    private static SettingDefinition def(String name, Kind kind, String unit, String defaultValue,
                                         SettingContext context, boolean reported, String description,
                                         String... enumValues) {
        return new SettingDefinition(name, kind, unit, defaultValue, context, reported, description,
                List.of(enumValues), Long.MIN_VALUE, Long.MAX_VALUE);
    }
}
