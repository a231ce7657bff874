package org.larchdb.tests;

import java.util.ArrayList;
import java.util.List;

/** A small line diff (longest common subsequence) printed as unified-style hunks. */
final class TextDiff {
    private static final int CONTEXT = 3;

    private TextDiff() {
    }

    /** Lines prefixed with ' ', '-' (expected only) or '+' (actual only); only hunks near changes. */
    static String unified(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> ops = new ArrayList<>();
        List<Integer> expectedLine = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                ops.add(" " + a[i]);
                expectedLine.add(i + 1);
                i++;
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add("-" + a[i]);
                expectedLine.add(i + 1);
                i++;
            } else {
                ops.add("+" + b[j]);
                expectedLine.add(i + 1);
                j++;
            }
        }
        StringBuilder out = new StringBuilder();
        int last = -2; // so the first printed line always opens a hunk
        for (int k = 0; k < ops.size(); k++) {
            if (ops.get(k).charAt(0) == ' ' && !nearChange(ops, k)) {
                continue;
            }
            if (k != last + 1) {
                out.append("@@ expected line ").append(expectedLine.get(k)).append(" @@\n");
            }
            out.append(ops.get(k)).append('\n');
            last = k;
        }
        return out.toString();
    }

    private static boolean nearChange(List<String> ops, int k) {
        for (int d = Math.max(0, k - CONTEXT); d <= Math.min(ops.size() - 1, k + CONTEXT); d++) {
            if (ops.get(d).charAt(0) != ' ') {
                return true;
            }
        }
        return false;
    }
}
