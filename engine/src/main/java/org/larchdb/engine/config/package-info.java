/**
 * Configuration parameters with PostgreSQL's names, units, contexts and ranges, and their values
 * (server-wide from the config file, per session through SET/RESET). Knows nothing of files or SQL.
 */
package org.larchdb.engine.config;
