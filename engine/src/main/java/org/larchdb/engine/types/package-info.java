/**
 * SQL types and values: the base types ({@link org.larchdb.engine.types.PgType}, {@link org.larchdb.engine.types.DataType}
 * with typmods), their text and binary wire encodings ({@link org.larchdb.engine.types.TextCodec},
 * {@link org.larchdb.engine.types.BinaryCodec}), casts, comparisons, operator and common-type resolution, and the
 * on-page row format ({@link org.larchdb.engine.types.TupleCodec}).
 *
 * <p>PostgreSQL 15 is the reference for every output string, error code and message. Values are plain Java
 * objects as documented on {@code PgType}; SQL NULL is Java null and never reaches these functions (operators are
 * strict). This package must not depend on the catalog, the executor or sessions: the session's time zone,
 * extra_float_digits, DateStyle order and IntervalStyle are passed in as a {@link org.larchdb.engine.types.TextFormat}.
 * Date/time arithmetic with intervals lives in {@link org.larchdb.engine.types.DateTimeArithmetic}.
 */
package org.larchdb.engine.types;
