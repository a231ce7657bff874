/**
 * Privilege decisions: {@link org.larchdb.auth.acl.RoleAccessControl} implements the engine's
 * {@link org.larchdb.engine.security.AccessControl}, and
 * {@link org.larchdb.auth.acl.LarchPasswordEncoder} its PasswordEncoder. Grants and role membership
 * come in through {@link org.larchdb.auth.acl.GrantLookup} and
 * {@link org.larchdb.auth.acl.RoleMembership}; this package stores nothing itself.
 */
package org.larchdb.auth.acl;
