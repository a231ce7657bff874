/**
 * Physical plans: immutable trees of nodes (scans, joins, aggregation, sort, limit, modify) that
 * the analyzer builds and the executor opens. A cost-based optimizer arrives with the optimizer issue.
 */
package org.larchdb.engine.plan;
