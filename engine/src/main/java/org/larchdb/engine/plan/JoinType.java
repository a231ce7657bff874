package org.larchdb.engine.plan;

/** Join kinds the executor runs; RIGHT joins are planned as LEFT joins with the inputs swapped. */
public enum JoinType { INNER, LEFT }
