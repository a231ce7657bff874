package org.larchdb.pgwire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.larchdb.engine.config.Settings;
import org.larchdb.engine.error.DbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void parsesAssignmentsCommentsAndQuotes() {
        String text = """
                # a comment line

                port = 5433
                listen_addresses='127.0.0.1, ::1'   # trailing comment
                shared_buffers 256MB
                application_name = 'it''s here'
                search_path = '"$user", public'
                log_connections=on
                """;
        List<ConfigFile.Entry> entries = ConfigFile.parse(text, "larch.conf");
        assertEquals(List.of(
                new ConfigFile.Entry("port", "5433", 3),
                new ConfigFile.Entry("listen_addresses", "127.0.0.1, ::1", 4),
                new ConfigFile.Entry("shared_buffers", "256MB", 5),
                new ConfigFile.Entry("application_name", "it's here", 6),
                new ConfigFile.Entry("search_path", "\"$user\", public", 7),
                new ConfigFile.Entry("log_connections", "on", 8)), entries);
    }

    @Test
    void syntaxErrorsNameFileLineAndToken() {
        DbException e = assertThrows(DbException.class, () -> ConfigFile.parse("port = 1\nport = 5 6\n", "a.conf"));
        assertEquals("syntax error in file \"a.conf\" line 2, near token \"6\"", e.getMessage());
        assertEquals("42601", e.state().code());
        e = assertThrows(DbException.class, () -> ConfigFile.parse("port =\n", "a.conf"));
        assertEquals("syntax error in file \"a.conf\" line 1, near token \"end of line\"", e.getMessage());
        e = assertThrows(DbException.class, () -> ConfigFile.parse("x = 'open\n", "a.conf"));
        assertEquals("unterminated quoted string in file \"a.conf\" line 1", e.getMessage());
    }

    @Test
    void appliesValuesToSettings() throws IOException {
        Path file = dir.resolve("larch.conf");
        Files.writeString(file, "port = 6543\nwork_mem = '8MB'\nmax_connections 7\n");
        Settings settings = Settings.defaults();
        ConfigFile.apply(file, settings);
        assertEquals(6543, settings.getInt("port"));
        assertEquals("8MB", settings.get("work_mem"));
        assertEquals(7, settings.getInt("max_connections"));
    }

    @Test
    void unknownParameterNamesFileAndLine() throws IOException {
        Path file = dir.resolve("larch.conf");
        Files.writeString(file, "port = 1\n\nno_such_thing = 3\n");
        DbException e = assertThrows(DbException.class, () -> ConfigFile.apply(file, Settings.defaults()));
        assertEquals("unrecognized configuration parameter \"no_such_thing\" in file \"" + file + "\" line 3",
                e.getMessage());
        assertEquals("42704", e.state().code());
    }

    @Test
    void invalidValueNamesFileAndLine() throws IOException {
        Path file = dir.resolve("larch.conf");
        Files.writeString(file, "port = lots\n");
        DbException e = assertThrows(DbException.class, () -> ConfigFile.apply(file, Settings.defaults()));
        assertEquals("invalid value for parameter \"port\": \"lots\" in file \"" + file + "\" line 1", e.getMessage());
    }

    @Test
    void missingFileIsAnError() {
        DbException e = assertThrows(DbException.class,
                () -> ConfigFile.apply(dir.resolve("absent.conf"), Settings.defaults()));
        assertEquals("58030", e.state().code());
    }
}
