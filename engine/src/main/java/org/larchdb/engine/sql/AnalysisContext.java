package org.larchdb.engine.sql;

import java.time.ZoneId;
import java.util.List;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.security.RoleInfo;
import org.larchdb.engine.types.TextFormat;

/**
 * What the analyzer needs from the session: the catalog snapshot, search_path, the role and the settings for
 * reading literals (time zone, DateStyle order; literals are typed at analysis).
 */
public record AnalysisContext(CatalogSnapshot catalog, List<String> searchPath, RoleInfo role, TextFormat textFormat) {

    public ZoneId timeZone() {
        return textFormat.timeZone();
    }
}
