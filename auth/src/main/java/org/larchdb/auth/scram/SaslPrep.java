package org.larchdb.auth.scram;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * SASLprep (RFC 4013) of a password, the way PostgreSQL's {@code pg_saslprep} uses it: when the
 * password is not valid input for SASLprep (invalid UTF-8, a prohibited character, a bidi rule
 * violation) PostgreSQL does not reject it but hashes the raw bytes, so any password still works
 * as long as both sides agree — that is what {@link #prepare} returns in those cases.
 *
 * <p>Differences from a full RFC 3454 implementation, kept because they only matter for exotic
 * passwords: NFKC comes from {@link Normalizer} (current Unicode, not Unicode 3.2), and
 * "unassigned code point" (table A.1) is approximated by {@link Character#getType} being
 * {@code UNASSIGNED} in the JDK's Unicode version. The mapping tables (B.1, C.1.2) and prohibition
 * tables (C.2–C.9) are RFC 3454's.
 */
final class SaslPrep {

    private SaslPrep() {
    }

    /** Returns the bytes to hash for {@code password}: the SASLprep'd UTF-8, or the input as is. */
    static byte[] prepare(byte[] password) {
        boolean ascii = true;
        for (byte b : password) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        // Like pg_saslprep: a pure-ASCII string needs no processing, not even the control-char check.
        if (ascii) {
            return password;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(password)).toString();
        } catch (CharacterCodingException e) {
            return password;
        }
        String prepared = prepareOrNull(text);
        return prepared == null ? password : prepared.getBytes(StandardCharsets.UTF_8);
    }

    /** SASLprep of a valid Unicode string, or null when the string is prohibited by RFC 4013. */
    static String prepareOrNull(String text) {
        StringBuilder mapped = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (isNonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        });
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        boolean hasRandAL = false;
        boolean hasL = false;
        int[] cps = normalized.codePoints().toArray();
        for (int cp : cps) {
            if (isProhibited(cp)) {
                return null;
            }
            byte dir = Character.getDirectionality(cp);
            if (dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                hasRandAL = true;
            } else if (dir == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                hasL = true;
            }
        }
        if (hasRandAL && (hasL || !isRandAL(cps[0]) || !isRandAL(cps[cps.length - 1]))) {
            return null;
        }
        return normalized;
    }

    private static boolean isRandAL(int cp) {
        byte dir = Character.getDirectionality(cp);
        return dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    /** RFC 3454 C.1.2. */
    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }

    /** RFC 3454 B.1. */
    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0xFEFF;
    }

    /** RFC 3454 C.1.2, C.2.1, C.2.2, C.3–C.9, and (approximately) A.1. */
    private static boolean isProhibited(int cp) {
        if (cp < 0x20 || cp == 0x7F) {
            return true;
        }
        if (isNonAsciiSpace(cp)) {
            return true;
        }
        // C.2.2 non-ASCII control characters
        if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C
                || cp == 0x200D || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063)
                || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFC)
                || (cp >= 0x1D173 && cp <= 0x1D17A)) {
            return true;
        }
        // C.3 private use
        if ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) || (cp >= 0x100000 && cp <= 0x10FFFD)) {
            return true;
        }
        // C.4 non-character code points
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            return true;
        }
        // C.5 surrogates, C.6 plain text, C.7 canonical representation
        if ((cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xFFF9 && cp <= 0xFFFD) || (cp >= 0x2FF0 && cp <= 0x2FFB)) {
            return true;
        }
        // C.8 display properties / deprecated
        if (cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)) {
            return true;
        }
        // C.9 tagging characters
        if (cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F)) {
            return true;
        }
        return Character.getType(cp) == Character.UNASSIGNED;
    }
}
