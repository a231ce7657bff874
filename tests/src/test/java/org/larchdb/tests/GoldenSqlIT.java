package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code sql/*.sql} golden file and compares its transcript with the {@code .out}
 * beside it, which real PostgreSQL 15 produced.
 *
 * <p>System properties: {@code golden.url}/{@code golden.user}/{@code golden.password} run the
 * files against that server instead of an in-process LarchDB (no LarchDB is started then);
 * {@code golden.record=true} writes the transcripts into the source tree instead of comparing.
 * Regenerate expected outputs only with {@code scripts/golden-record}, never by hand.
 */
class GoldenSqlIT {
    private static final boolean RECORD = Boolean.getBoolean("golden.record");
    private static final String EXTERNAL_URL = System.getProperty("golden.url", "").trim();

    private static TestServer server;

    @BeforeAll
    static void startServer() {
        if (RECORD && EXTERNAL_URL.isEmpty()) {
            throw new IllegalStateException("golden.record=true needs -Dgolden.url of a PostgreSQL 15 server");
        }
        if (EXTERNAL_URL.isEmpty()) {
            server = new TestServer();
            server.start();
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> goldenFiles() throws IOException {
        Path dir = sqlDirectory();
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no golden files in " + dir);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> runFile(file)));
    }

    private static void runFile(Path sqlFile) throws IOException, SQLException {
        String name = sqlFile.getFileName().toString().replaceFirst("\\.sql$", "");
        List<String> statements = SqlScript.split(Files.readString(sqlFile, StandardCharsets.UTF_8));
        String actual;
        // A fresh connection per file, so settings one file changes never leak into the next.
        try (Connection connection = connect()) {
            actual = GoldenTranscript.run(connection, statements);
        }
        Path expectedFile = sqlFile.resolveSibling(name + ".out");
        if (RECORD) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            return;
        }
        Path actualFile = Paths.get("target", "golden-actual", name + ".out");
        if (!Files.exists(expectedFile)) {
            writeActual(actualFile, actual);
            fail("no expected output " + expectedFile + "; run scripts/golden-record (actual in " + actualFile + ")");
        }
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            writeActual(actualFile, actual);
            fail(name + ".out differs (actual written to " + actualFile.toAbsolutePath() + "):\n"
                    + TextDiff.unified(expected, actual));
        }
    }

    private static void writeActual(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Connection connect() throws SQLException {
        if (server != null) {
            return server.connect();
        }
        return DriverManager.getConnection(EXTERNAL_URL, System.getProperty("golden.user", "postgres"),
                System.getProperty("golden.password", "postgres"));
    }

    /** The golden files in the source tree (record mode writes there, not into target/). */
    private static Path sqlDirectory() {
        String root = System.getProperty("larch.repo.root", "");
        Path fromRoot = Paths.get(root, "tests", "src", "test", "resources", "sql");
        if (!root.isEmpty() && Files.isDirectory(fromRoot)) {
            return fromRoot;
        }
        return Paths.get("src", "test", "resources", "sql");
    }
}
