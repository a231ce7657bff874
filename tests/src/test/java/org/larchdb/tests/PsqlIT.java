package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real psql client (skipped when psql is not installed). */
class PsqlIT {
    @RegisterExtension
    static final TestServer server = new TestServer();

    private static Path psql;

    @BeforeAll
    static void findPsql() {
        psql = findOnPath("psql");
        Assumptions.assumeTrue(psql != null, "psql is not on PATH: skipping the psql tests");
    }

    @Test
    void conninfoReportsTheConnection() throws Exception {
        Result r = run("-c", "\\conninfo");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("You are connected to database \"postgres\" as user \"postgres\" on host \"127.0.0.1\"")
                && r.stdout.contains("port \"" + server.port() + "\""), r.toString());
    }

    @Test
    void createInsertSelectInAlignedFormat() throws Exception {
        Result r = run("-v", "ON_ERROR_STOP=1",
                "-c", "DROP TABLE IF EXISTS psql_t",
                "-c", "CREATE TABLE psql_t (id integer NOT NULL, name text)",
                "-c", "INSERT INTO psql_t VALUES (1, 'one'), (2, 'two'), (3, NULL)",
                "-c", "SELECT id, name FROM psql_t WHERE id < 3 ORDER BY id DESC",
                "-c", "DROP TABLE psql_t");
        assertEquals(0, r.exitCode, r.toString());
        String expected = """
                DROP TABLE
                CREATE TABLE
                INSERT 0 3
                 id | name\s
                ----+------
                  2 | two
                  1 | one
                (2 rows)

                DROP TABLE
                """;
        assertEquals(expected, r.stdout);
    }

    @Test
    void unalignedTuplesOnlyAndErrors() throws Exception {
        Result ok = run("-A", "-t", "-c", "SELECT 1 + 1, 'x' || 'y', NULL::integer IS NULL");
        assertEquals(0, ok.exitCode, ok.toString());
        assertEquals("2|xy|t\n", ok.stdout);

        Result bad = run("-v", "ON_ERROR_STOP=1", "-c", "SELECT * FROM nope");
        assertEquals(1, bad.exitCode, bad.toString());
        assertTrue(bad.stderr.contains("ERROR:  relation \"nope\" does not exist"), bad.toString());
    }

    @Test
    void wrongPasswordFails() throws Exception {
        Result r = runWithPassword("wrong", "-c", "SELECT 1");
        assertEquals(2, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("password authentication failed for user \"postgres\""), r.toString());
    }

    private record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        return runWithPassword(server.password(), args);
    }

    private static Result runWithPassword(String password, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(psql.toString(), "-X", "-h", server.host(),
                "-p", String.valueOf(server.port()), "-U", TestServer.SUPERUSER, "-d", TestServer.DATABASE));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PGPASSWORD", password);
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        pb.environment().put("PAGER", "");
        pb.environment().remove("PGSERVICE");
        pb.environment().remove("PGOPTIONS");
        Path out = Files.createTempFile("psql-out", ".txt");
        Path err = Files.createTempFile("psql-err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("psql did not finish within 60 s: " + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Path findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
