/**
 * The engine's side of access control: the values that describe roles and required privileges,
 * and the interfaces ({@link org.larchdb.engine.security.AccessControl},
 * {@link org.larchdb.engine.security.PasswordEncoder}) that the auth module implements.
 * Nothing here decides anything: decisions live in auth.
 */
package org.larchdb.engine.security;
