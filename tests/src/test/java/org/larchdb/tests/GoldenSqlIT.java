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
import java.util.ArrayList;
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
 *
 * <p>A statement whose block differs from PostgreSQL's fails the test unless it is listed, with
 * its reason, in {@code known-differences.txt} beside the files; a listed statement that matches
 * again fails too, so the list stays exact.
 */
class GoldenSqlIT {
    private static final boolean RECORD = Boolean.getBoolean("golden.record");
    private static final String EXTERNAL_URL = System.getProperty("golden.url", "").trim();

    private static TestServer server;
    private static final KnownDifferences KNOWN = KnownDifferences.load(sqlDirectory());

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
        List<String> actualBlocks;
        // A fresh connection per file, so settings one file changes never leak into the next.
        try (Connection connection = connect()) {
            actualBlocks = GoldenTranscript.runBlocks(connection, statements);
        }
        String actual = String.join("", actualBlocks);
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
        if (expected.equals(actual)) {
            assertNoStaleKnownDifferences(name, List.of());
            return;
        }
        writeActual(actualFile, actual);
        List<String> expectedBlocks = GoldenTranscript.splitBlocks(expected, statements);
        if (expectedBlocks == null) {
            fail(name + ".out does not match its .sql; run scripts/golden-record (actual in "
                    + actualFile.toAbsolutePath() + "):\n" + TextDiff.unified(expected, actual));
        }
        List<String> differing = new ArrayList<>();
        StringBuilder unexpected = new StringBuilder();
        for (int i = 0; i < statements.size(); i++) {
            if (!expectedBlocks.get(i).equals(actualBlocks.get(i))) {
                String statement = KnownDifferences.firstLine(statements.get(i));
                differing.add(statement);
                if (!KNOWN.isListed(name, statement)) {
                    unexpected.append(TextDiff.unified(expectedBlocks.get(i), actualBlocks.get(i)));
                }
            }
        }
        if (unexpected.length() > 0) {
            fail(name + ".out differs (actual written to " + actualFile.toAbsolutePath()
                    + "; differences listed in " + KnownDifferences.FILE_NAME + " are tolerated):\n" + unexpected);
        }
        assertNoStaleKnownDifferences(name, differing);
    }

    /** A listed difference that no longer differs must be removed from the list. */
    private static void assertNoStaleKnownDifferences(String name, List<String> differing) {
        List<String> stale = KNOWN.listed(name).stream().filter(s -> !differing.contains(s)).toList();
        if (!stale.isEmpty()) {
            fail(name + ": these statements now match PostgreSQL; remove them from " + KnownDifferences.FILE_NAME
                    + ": " + stale);
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
