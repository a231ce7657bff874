/**
 * SCRAM-SHA-256 (RFC 5802/7677) as PostgreSQL implements it: verifiers in pg_authid's format
 * ({@link org.larchdb.auth.scram.ScramSha256}), SASLprep of passwords, and the server side of the
 * SASL exchange ({@link org.larchdb.auth.scram.ScramServerExchange}), including the mock exchange
 * for unknown roles. No channel binding (SCRAM-SHA-256-PLUS is not offered).
 */
package org.larchdb.auth.scram;
