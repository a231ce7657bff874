package org.larchdb.engine.types;

import java.util.List;

/** Member lookup in json (text) values: members come back exactly as written, as PostgreSQL's json operators do. */
final class JsonNavigation {
    private JsonNavigation() {
    }

    /** The raw text of the last member named {@code key} of a top-level object, or null. */
    static String field(String json, String key) {
        List<String[]> members = JsonParser.topMembers(json);
        if (members == null) {
            return null;
        }
        String found = null;
        for (String[] m : members) {
            if (m[0] != null && m[0].equals(key)) {
                found = m[1];
            }
        }
        return found;
    }

    /** The raw text of an element of a top-level array (negative counts from the end), or null. */
    static String element(String json, int index) {
        List<String[]> members = JsonParser.topMembers(json);
        if (members == null || members.isEmpty() || members.get(0)[0] != null) {
            return null;
        }
        int i = index < 0 ? members.size() + index : index;
        return i >= 0 && i < members.size() ? members.get(i)[1] : null;
    }
}
