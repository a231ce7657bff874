package org.larchdb.pgwire.server;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to start a server: the data directory, an optional postgresql.conf-style config file, settings that
 * override the file (e.g. {@code port = 0} for a free port), and the bootstrap superuser's password for a
 * new data directory (null: the LARCH_PASSWORD environment variable, else a generated one).
 */
public record ServerOptions(Path dataDir, Path configFile, Map<String, String> overrides, String initialPassword) {
    public ServerOptions {
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    }

    public static ServerOptions of(Path dataDir) {
        return new ServerOptions(dataDir, null, Map.of(), null);
    }
}
