package org.larchdb.tests;

import java.util.HashMap;
import java.util.Map;

/** Reads values out of the Prometheus text exposition format (enough for assertions). */
final class PrometheusText {
    private PrometheusText() {
    }

    /**
     * The sum of every sample of metric {@code name} whose labels include all of {@code labels}
     * (0 when there is none, so a counter that has not been created yet reads as 0).
     */
    static double sum(String exposition, String name, Map<String, String> labels) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            int nameEnd = brace >= 0 && brace < space ? brace : space;
            if (nameEnd < 0 || !line.substring(0, nameEnd).equals(name)) {
                continue;
            }
            Map<String, String> sampleLabels = new HashMap<>();
            String rest = line.substring(nameEnd);
            if (rest.startsWith("{")) {
                int close = rest.lastIndexOf('}');
                sampleLabels = parseLabels(rest.substring(1, close));
                rest = rest.substring(close + 1);
            }
            if (!sampleLabels.entrySet().containsAll(labels.entrySet())) {
                continue;
            }
            String[] parts = rest.strip().split("\\s+");
            total += Double.parseDouble(parts[0]);
        }
        return total;
    }

    private static Map<String, String> parseLabels(String text) {
        Map<String, String> labels = new HashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = text.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // skip ="
            while (j < text.length() && text.charAt(j) != '"') {
                if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                    j++;
                }
                value.append(text.charAt(j));
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
        }
        return labels;
    }
}
