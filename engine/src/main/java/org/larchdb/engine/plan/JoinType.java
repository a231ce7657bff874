package org.larchdb.engine.plan;

/**
 * Join kinds the executor runs; RIGHT joins are planned as LEFT joins with the inputs swapped. FULL
 * joins also return the right rows no left row matched, with NULLs for the left columns.
 */
public enum JoinType { INNER, LEFT, FULL }
