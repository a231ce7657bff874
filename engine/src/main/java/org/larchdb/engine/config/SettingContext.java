package org.larchdb.engine.config;

/** When a setting may change, PostgreSQL's GucContext as pg_settings.context shows it. */
public enum SettingContext {
    /** Fixed at build time (server_version). */
    INTERNAL("internal"),
    /** Set at server start only (port, shared_buffers). */
    POSTMASTER("postmaster"),
    /** Set in the config file, re-read on reload. */
    SIGHUP("sighup"),
    /** Changeable by superusers per session. */
    SUPERUSER("superuser"),
    /** Changeable by any user per session (SET). */
    USER("user");

    private final String label;

    SettingContext(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
