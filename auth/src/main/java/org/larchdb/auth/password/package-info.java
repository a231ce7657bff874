/**
 * PostgreSQL's legacy md5 password verifiers and the md5 challenge-response check. Kept for
 * compatibility with old clients and dumps; new passwords default to SCRAM-SHA-256.
 */
package org.larchdb.auth.password;
