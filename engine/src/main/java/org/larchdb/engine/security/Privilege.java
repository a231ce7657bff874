package org.larchdb.engine.security;

/** PostgreSQL's privilege kinds, plus ownership (needed for DDL) and the role attributes checked like privileges. */
public enum Privilege {
    SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER,
    CREATE, USAGE, CONNECT, TEMPORARY,
    /** Must own the object (or be a member of its owning role): ALTER, DROP, COMMENT ON... */
    OWNERSHIP,
    /** The CREATEROLE attribute (or superuser): CREATE/ALTER/DROP ROLE. */
    CREATE_ROLE
}
