package org.larchdb.engine.sql;

import java.util.List;

/**
 * The options of CREATE/ALTER SEQUENCE or of an identity column, as written; null fields were not given.
 * {@code noMin}/{@code noMax} record NO MINVALUE / NO MAXVALUE; {@code restart} is set by RESTART, with
 * {@code restartValue} null for "restart at START". {@code ownedBy} holds the OWNED BY name parts
 * ([table..., column]), an empty list for OWNED BY NONE, null when not given.
 */
public record SequenceOptions(String asType, Long increment, Long minValue, boolean noMin, Long maxValue,
                              boolean noMax, Long start, boolean restart, Long restartValue, Long cache,
                              Boolean cycle, List<String> ownedBy) {

    public static final SequenceOptions NONE = new SequenceOptions(null, null, null, false, null, false, null, false,
            null, null, null, null);
}
