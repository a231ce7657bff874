/**
 * Built-in scalar functions by family (string, math, date/time) and their resolution by name and
 * argument types with PostgreSQL's rules (exact match, implicit casts, preferred types, unknown literals).
 */
package org.larchdb.engine.sql.functions;
