/**
 * End-to-end tests: each {@code *IT} starts a real LarchDB server in-process ({@link
 * org.larchdb.tests.TestServer}) and talks to it over the wire with pgjdbc, psql or raw sockets;
 * {@link org.larchdb.tests.GoldenSqlIT} replays the SQL golden files whose expected outputs real
 * PostgreSQL 15 produced ({@code scripts/golden-record}). Tests here use only the public
 * protocol, never engine internals, so they hold for any server that behaves like PostgreSQL:
 * {@code -Dlarch.it.external=host:port -Dlarch.it.password=...} runs them against one.
 */
package org.larchdb.tests;
