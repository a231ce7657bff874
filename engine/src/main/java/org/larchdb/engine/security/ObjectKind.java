package org.larchdb.engine.security;

/** Kinds of objects privileges are checked on; {@link #wording()} is how PostgreSQL names them in messages. */
public enum ObjectKind {
    TABLE("table"), VIEW("view"), SEQUENCE("sequence"), INDEX("index"), SCHEMA("schema"),
    DATABASE("database"), ROLE("role"), FUNCTION("function"),
    /** Cluster-wide operations (role attributes) with no object. */
    SYSTEM("system");

    private final String wording;

    ObjectKind(String wording) {
        this.wording = wording;
    }

    public String wording() {
        return wording;
    }
}
