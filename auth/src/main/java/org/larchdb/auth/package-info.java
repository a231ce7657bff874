/**
 * Client authentication as pgwire drives it: {@link org.larchdb.auth.AuthenticationExchange}
 * turns an hba method and the role's pg_authid entry into the AuthenticationXXX requests to send
 * ({@link org.larchdb.auth.AuthStep}) and checks the answers. This package knows no sockets and no
 * wire framing — pgwire owns those — and never reads catalogs itself: the role comes in as a
 * {@link org.larchdb.engine.security.RoleInfo}.
 */
package org.larchdb.auth;
