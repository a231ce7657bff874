package org.larchdb.engine.sql;

import java.time.ZoneId;
import java.util.List;
import org.larchdb.engine.catalog.CatalogSnapshot;
import org.larchdb.engine.security.RoleInfo;

/** What the analyzer needs from the session: the catalog snapshot, search_path, the role and time zone. */
public record AnalysisContext(CatalogSnapshot catalog, List<String> searchPath, RoleInfo role, ZoneId timeZone) {
}
