/**
 * Bound expressions and their evaluation. Produced by the analyzer (sql), held by plans (plan),
 * evaluated by operators (exec). Knows types, never names or catalogs.
 */
package org.larchdb.engine.expr;
