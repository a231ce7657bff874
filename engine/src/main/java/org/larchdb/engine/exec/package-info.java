/**
 * The executor: one run-time operator per plan node, pulling rows from its inputs. Holds the
 * per-run state (cursors, hash tables, sort buffers) that plans must not.
 */
package org.larchdb.engine.exec;
