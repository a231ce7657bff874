package org.larchdb.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextDiffTest {

    @Test
    void showsChangedLineWithContext() {
        String expected = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String actual = "a\nb\nc\nd\nX\nf\ng\nh\n";
        assertEquals("@@ expected line 2 @@\n b\n c\n d\n-e\n+X\n f\n g\n h\n", TextDiff.unified(expected, actual));
    }

    @Test
    void identicalTextsHaveNoHunks() {
        assertEquals("", TextDiff.unified("a\nb\n", "a\nb\n"));
    }

    @Test
    void reportsAddedTrailingLines() {
        assertEquals("@@ expected line 1 @@\n a\n+b\n \n", TextDiff.unified("a\n", "a\nb\n"));
    }
}
