package org.larchdb.auth.scram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ScramSha256Test {

    /** Verifiers produced by PostgreSQL 15 (CREATE ROLE ... PASSWORD with scram-sha-256). */
    private static final String PG_PENCIL =
            "SCRAM-SHA-256$4096:9H8Ljjsi9oOqcWuXbV6iXw==$8Hr4eTgBF0e3H/N+rir9z//GYCzqK6h3R8ocn20Gins=:xdYs7CM4crzqz+8Bk9lT83FpcdP7ePdlkSBiFcjx4tw=";
    private static final String PG_UMLAUTS = // 'pässwörd'
            "SCRAM-SHA-256$4096:lDmJhFK3zgzt3CiBlSfQoA==$b/Pjv9qVMOSdyKkLjq1tWzGT0C0fjijTMbIH/YseXMY=:W2NWv8v7OCa+Mk90ko60bRFLRzXUJGZad9BrOh6Drsc=";
    private static final String PG_FULLWIDTH = // 'ＡＢＣ', NFKC → 'ABC'
            "SCRAM-SHA-256$4096:rAKCluZScz6sU9AVdIn2Uw==$wI7AanczGq63haLjhoQ99do+YzDqcfJgnYfbO5ibkrc=:9etqVy3GQkpAgy1RHbNoCl3TL5WPf88AJQDwl4fhu3g=";
    private static final String PG_NBSP = // 'a\u00A0b' → 'a b'
            "SCRAM-SHA-256$4096:/qVSGnMgJmM2L4Hf9HyNOA==$v8v9XrHxH6vr8eP1JNGIZGcnjNdUipfwBmCGUkNy1fc=:Cxs5X4De3u4NjpABwZCsP4Ic5eyYrV0hkIO2a3ph+nk=";
    private static final String PG_SOFT_HYPHEN = // 'a\u00ADb' → 'ab'
            "SCRAM-SHA-256$4096:EFJr4ebEDsyvJOIaVibMHg==$/vp1PdQHF9tFIaiihoMp8SPMt4CNOpIQo3fMXy83a4k=:lbqAYzZxppj24OIeZdUbWYsFSgwi7ZhZLrmJNctZTgk=";
    private static final String PG_PROHIBITED = // '\uFF21\u0080': control char → raw bytes, no NFKC
            "SCRAM-SHA-256$4096:ePdefnB95I0UQQJugF8UNQ==$IuUP53xxXiiKMW6EyfMt3ntdBDD4U9uD7S4TsQwa17Y=:c3EhXEbAWo0JC6GC65CR9Y+ARCBkrdR/5F/VDV/iEHs=";
    private static final String PG_BIDI_MIXED = // '\uFE8Ea': RandAL with L → raw bytes
            "SCRAM-SHA-256$4096:9wKnhcHH0UdkEJz0nebteQ==$DcPZydr6txg7MQaO3NrogatcSlM+ga/8Tw3so/UwE7E=:1H10OWyuvyZVlWPKtggkLOis/Bn2DASEeDWRaniu0ts=";
    private static final String PG_BIDI_OK = // '\uFE8E\u0628' → NFKC '\u0627\u0628'
            "SCRAM-SHA-256$4096:ckZOQNKNXAIY1nkEpI4e7w==$bZShJ6gMsBHqV98GP4Z2eKh2jyXjO5Nv2WZRK8fhXp4=:Q3qF23kRfolzEwbL0VmPj7do1cpxeCwXm198YG/SnOo=";

    @Test
    void sameVerifierAsPostgresForSameSalt() {
        assertSameAsPostgres(PG_PENCIL, "pencil");
        assertSameAsPostgres(PG_UMLAUTS, "pässwörd");
        assertSameAsPostgres(PG_FULLWIDTH, "ＡＢＣ");
        assertSameAsPostgres(PG_NBSP, "a\u00A0b");
        assertSameAsPostgres(PG_SOFT_HYPHEN, "a\u00ADb");
        assertSameAsPostgres(PG_PROHIBITED, "\uFF21\u0080");
        assertSameAsPostgres(PG_BIDI_MIXED, "\uFE8Ea");
        assertSameAsPostgres(PG_BIDI_OK, "\uFE8E\u0628");
    }

    private static void assertSameAsPostgres(String pgVerifier, String password) {
        String saltB64 = pgVerifier.substring("SCRAM-SHA-256$4096:".length(), pgVerifier.indexOf('$', 15));
        byte[] salt = Base64.getDecoder().decode(saltB64);
        assertEquals(pgVerifier, ScramSha256.createVerifier(password, salt, 4096), password);
        assertTrue(ScramSha256.verifyPlaintext(pgVerifier, password), password);
    }

    @Test
    void saslPrepEquivalentsVerify() {
        assertTrue(ScramSha256.verifyPlaintext(PG_FULLWIDTH, "ABC"));
        assertTrue(ScramSha256.verifyPlaintext(PG_NBSP, "a b"));
        assertTrue(ScramSha256.verifyPlaintext(PG_SOFT_HYPHEN, "ab"));
        assertFalse(ScramSha256.verifyPlaintext(PG_PROHIBITED, "A\u0080"));
    }

    @Test
    void wrongPasswordDoesNotVerify() {
        assertFalse(ScramSha256.verifyPlaintext(PG_PENCIL, "Pencil"));
        assertFalse(ScramSha256.verifyPlaintext(PG_PENCIL, ""));
        assertFalse(ScramSha256.verifyPlaintext("md5e2666ad354dd5b5f75c617aaf48feb5f", "y"));
    }

    @Test
    void newVerifierHasPostgresFormatAndRandomSalt() {
        String v1 = ScramSha256.createVerifier("secret");
        String v2 = ScramSha256.createVerifier("secret");
        assertTrue(v1.matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}="), v1);
        assertNotEquals(v1, v2);
        assertTrue(ScramSha256.verifyPlaintext(v1, "secret"));
        assertTrue(ScramSha256.verifyPlaintext(v2, "secret"));
        assertFalse(ScramSha256.verifyPlaintext(v1, "secret2"));
        ScramSecret parsed = ScramSecret.parseOrNull(v1);
        assertEquals(4096, parsed.iterations());
        assertEquals(16, parsed.salt().length);
    }

    @Test
    void isVerifierChecksTheWholeFormat() {
        assertTrue(ScramSha256.isVerifier(PG_PENCIL));
        assertFalse(ScramSha256.isVerifier(null));
        assertFalse(ScramSha256.isVerifier("pencil"));
        assertFalse(ScramSha256.isVerifier("md5e2666ad354dd5b5f75c617aaf48feb5f"));
        assertFalse(ScramSha256.isVerifier(PG_PENCIL.replace("$4096:", "$0:")));
        assertFalse(ScramSha256.isVerifier(PG_PENCIL.replace("$4096:", "$x:")));
        assertFalse(ScramSha256.isVerifier(PG_PENCIL.substring(0, PG_PENCIL.length() - 4)));
        assertFalse(ScramSha256.isVerifier(PG_PENCIL.replace(":xdYs", "xdYs")));
        assertFalse(ScramSha256.isVerifier(PG_PENCIL + "$"));
        assertFalse(ScramSha256.isVerifier("SCRAM-SHA-256$4096:$" + PG_PENCIL.substring(PG_PENCIL.lastIndexOf('$') + 1)));
    }
}
