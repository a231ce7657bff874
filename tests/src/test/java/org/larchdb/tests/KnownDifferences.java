package org.larchdb.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The golden statements whose LarchDB output is known to differ from PostgreSQL 15's, each with
 * its reason. File format, one entry per line ({@code #} starts a comment line):
 * {@code <golden file name without .sql> | <first line of the statement> | <reason>}.
 */
final class KnownDifferences {
    static final String FILE_NAME = "known-differences.txt";

    private final Map<String, List<String>> byFile;

    private KnownDifferences(Map<String, List<String>> byFile) {
        this.byFile = byFile;
    }

    static KnownDifferences load(Path sqlDirectory) {
        Path file = sqlDirectory.resolve(FILE_NAME);
        Map<String, List<String>> byFile = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return new KnownDifferences(byFile);
        }
        try {
            int lineNumber = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNumber++;
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" \\| ", 3);
                if (parts.length != 3 || parts[2].isBlank()) {
                    throw new IllegalStateException(FILE_NAME + " line " + lineNumber
                            + ": expected \"file | statement | reason\"");
                }
                byFile.computeIfAbsent(parts[0].trim(), k -> new ArrayList<>()).add(parts[1].trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KnownDifferences(byFile);
    }

    boolean isListed(String goldenFile, String statementFirstLine) {
        return listed(goldenFile).contains(statementFirstLine);
    }

    List<String> listed(String goldenFile) {
        return byFile.getOrDefault(goldenFile, List.of());
    }

    static String firstLine(String statement) {
        int nl = statement.indexOf('\n');
        return (nl < 0 ? statement : statement.substring(0, nl)).trim();
    }
}
