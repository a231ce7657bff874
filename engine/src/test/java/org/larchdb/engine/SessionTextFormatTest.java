package org.larchdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.larchdb.engine.types.TextCodec;
import org.larchdb.engine.types.TextFormat;

/** The session's TimeZone, extra_float_digits and DateStyle reach text input and output of values. */
class SessionTextFormatTest {
    @TempDir
    Path dir;
    Database db;
    Session session;

    @BeforeEach
    void open() {
        Database.initialize(dir, "postgres", null);
        db = SessionTest.open(dir);
        session = db.openSession(db.findRole("postgres").orElseThrow(), "postgres", Map.of());
    }

    @AfterEach
    void close() {
        session.close();
        db.close();
    }

    /** Runs statements; returns the last one's rows as the session would send them in text, or its tag. */
    private List<String> run(String sql) {
        List<String> out = new ArrayList<>();
        for (StatementText st : session.split(sql)) {
            out.clear();
            PreparedQuery q = session.prepare(st.sql(), new int[0]);
            Portal p = session.bind(q, new Object[0]);
            ExecResult r = session.execute(p, 0, row -> {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.length; i++) {
                    cells.add(row[i] == null ? "NULL"
                            : TextCodec.format(row[i], q.resultColumns().get(i).type(), session.textFormat()));
                }
                out.add(String.join("|", cells));
            });
            out.add(r.commandTag());
        }
        session.sync();
        return List.copyOf(out);
    }

    @Test
    void textFormatFollowsTheSettings() {
        assertEquals(new TextFormat(ZoneId.of("UTC"), 1, TextFormat.DateOrder.MDY), session.textFormat());
        run("SET extra_float_digits = -3; SET DateStyle = 'ISO, DMY'; SET TimeZone = 'Europe/Paris'");
        assertEquals(new TextFormat(ZoneId.of("Europe/Paris"), -3, TextFormat.DateOrder.DMY), session.textFormat());
    }

    @Test
    void castsAtRunTimeUseTheSessionFormat() {
        run("CREATE TABLE tf (s text, f float8)");
        run("INSERT INTO tf VALUES ('01/02/2024', 1)");
        run("SET DateStyle = 'ISO, DMY'; SET extra_float_digits = 0");
        assertEquals(List.of("2024-02-01|0.333333333333333", "SELECT 1"), run("SELECT s::date, (f / 3)::text FROM tf"));
        run("SET DateStyle = 'ISO, MDY'; SET extra_float_digits = 1");
        assertEquals(List.of("2024-01-02|0.3333333333333333", "SELECT 1"), run("SELECT s::date, (f / 3)::text FROM tf"));
    }

    @Test
    void literalsAreReadInTheSessionDateStyle() {
        run("SET DateStyle = 'ISO, DMY'");
        assertEquals(List.of("2024-02-01", "SELECT 1"), run("SELECT '01/02/2024'::date"));
        run("SET DateStyle = 'ISO, MDY'");
        assertEquals(List.of("2024-01-02", "SELECT 1"), run("SELECT '01/02/2024'::date"));
        assertEquals(List.of("ab|x", "SELECT 1"), run("SELECT CAST('abc' AS varchar(2)), 'xyz'::char"));
    }

    @Test
    void sumOverNumericNaNAndInfinity() {
        run("CREATE TABLE tn (n numeric)");
        run("INSERT INTO tn VALUES (1), ('Infinity'), (2)");
        assertEquals(List.of("Infinity", "SELECT 1"), run("SELECT sum(n) FROM tn"));
        run("INSERT INTO tn VALUES ('-Infinity')");
        assertEquals(List.of("NaN", "SELECT 1"), run("SELECT sum(n) FROM tn"));
        assertEquals(List.of("-Infinity", "1", "2", "Infinity", "SELECT 4"), run("SELECT n FROM tn ORDER BY n"));
    }
}
