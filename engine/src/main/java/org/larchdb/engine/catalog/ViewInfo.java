package org.larchdb.engine.catalog;

import java.util.List;

/**
 * A view's definition: its pg_class OID, its {@code _RETURN} rule's pg_rewrite OID, the query as SQL text
 * (pg_rewrite.ev_action) and the relations the query reads (its pg_depend rows, deptype 'n').
 */
public record ViewInfo(long oid, long ruleOid, String definition, List<Long> references) {

    public ViewInfo {
        references = List.copyOf(references);
    }
}
