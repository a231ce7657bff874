package org.larchdb.auth.scram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;

/**
 * The server side of one SASL SCRAM-SHA-256 exchange without channel binding (RFC 5802/7677),
 * following PostgreSQL 15's {@code auth-scram.c}: the user name inside the SCRAM message is ignored
 * (the startup packet's user counts), {@code y} and {@code n} channel-binding flags are accepted,
 * {@code p=} is refused because SCRAM-SHA-256-PLUS is never offered.
 *
 * <p>When there is no usable verifier (unknown role, no password, an md5 password, an expired
 * one) the exchange runs as a <em>mock</em>: a deterministic fake salt derived from
 * sha256(mockSecret || userName) and 4096 iterations, the same proof computation as a real
 * exchange, and a failure at the very end — so a client cannot tell a missing role from a wrong
 * password, neither by the messages nor by their timing.
 *
 * <p>Not thread-safe: one instance per connection, used by that connection's thread.
 */
public final class ScramServerExchange {

    /** PostgreSQL's SCRAM_RAW_NONCE_LEN. */
    private static final int RAW_NONCE_LENGTH = 18;
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum State { AWAITING_CLIENT_FIRST, AWAITING_CLIENT_FINAL, FINISHED }

    private final String userName;
    private final ScramSecret secret;
    private final boolean mock;
    private final Supplier<String> serverNonceSource;

    private State state = State.AWAITING_CLIENT_FIRST;
    private String clientFirstBare;
    private String serverFirst;
    private String combinedNonce;

    /**
     * @param userName      the user from the startup packet (used in messages and the mock salt)
     * @param verifierOrNull the role's stored password; anything but a SCRAM-SHA-256 verifier
     *                      (null, an md5 verifier) makes this a mock exchange that always fails
     * @param mockSecret    a per-server secret so mock salts are stable per user but unguessable
     */
    public ScramServerExchange(String userName, String verifierOrNull, byte[] mockSecret) {
        this(userName, verifierOrNull, mockSecret, ScramServerExchange::randomNonce);
    }

    /** For tests: a fixed server nonce (RFC 7677's test vector). */
    ScramServerExchange(String userName, String verifierOrNull, byte[] mockSecret, Supplier<String> serverNonceSource) {
        this.userName = userName;
        this.serverNonceSource = serverNonceSource;
        ScramSecret parsed = ScramSecret.parseOrNull(verifierOrNull);
        this.mock = parsed == null;
        this.secret = parsed != null ? parsed : mockSecret(userName, mockSecret);
    }

    /** True when this exchange can only fail (no usable SCRAM verifier). */
    public boolean isMock() {
        return mock;
    }

    /** Consumes the client-first-message and returns the server-first-message. */
    public String handleClientFirst(String clientFirstMessage) {
        expectState(State.AWAITING_CLIENT_FIRST);
        state = State.FINISHED; // any exception below ends the exchange
        ScramReader in = new ScramReader(clientFirstMessage, "client-first-message");
        if (in.atEnd()) {
            throw ScramReader.malformed("The message is empty.");
        }
        char flag = in.next();
        switch (flag) {
            case 'n', 'y' -> in.expect(',');
            case 'p' -> throw ScramReader.malformed("The client selected SCRAM-SHA-256 without channel binding, "
                    + "but the SCRAM message includes channel binding data.");
            default -> throw ScramReader.malformed("Unexpected channel-binding flag \"" + ScramReader.sanitize(flag) + "\".");
        }
        if (in.peek() == 'a') {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                    "client uses authorization identity, but it is not supported")
                    .withSeverity(DbException.Severity.FATAL);
        }
        in.expect(',');
        clientFirstBare = in.rest();
        if (in.peek() == 'm') {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "client requires an unsupported SCRAM extension")
                    .withSeverity(DbException.Severity.FATAL);
        }
        in.readAttribute('n'); // ignored, as PostgreSQL: the startup packet's user name counts
        String clientNonce = in.readAttribute('r');
        if (clientNonce.isEmpty() || !ScramReader.isPrintable(clientNonce)) {
            throw new DbException(SqlState.PROTOCOL_VIOLATION, "non-printable characters in SCRAM nonce")
                    .withSeverity(DbException.Severity.FATAL);
        }
        while (!in.atEnd()) {
            in.readAnyAttribute(); // optional extensions are ignored
        }
        combinedNonce = clientNonce + serverNonceSource.get();
        serverFirst = "r=" + combinedNonce + ",s=" + Base64.getEncoder().encodeToString(secret.salt())
                + ",i=" + secret.iterations();
        state = State.AWAITING_CLIENT_FINAL;
        return serverFirst;
    }

    /** Consumes the client-final-message; returns the server-final-message {@code v=...} on success. */
    public String handleClientFinal(String clientFinalMessage) {
        expectState(State.AWAITING_CLIENT_FINAL);
        state = State.FINISHED;
        ScramReader in = new ScramReader(clientFinalMessage, "client-final-message");
        String channelBinding = in.readAttribute('c');
        // "n,," and "y,," base64-encoded: the only gs2 headers possible without channel binding.
        if (!channelBinding.equals("biws") && !channelBinding.equals("eSws")) {
            throw new DbException(SqlState.PROTOCOL_VIOLATION,
                    "unexpected SCRAM channel-binding attribute in client-final-message")
                    .withSeverity(DbException.Severity.FATAL);
        }
        String finalNonce = in.readAttribute('r');
        int proofStart;
        char attribute;
        String value;
        do {
            proofStart = in.position();
            ScramReader.Attribute next = in.readAnyAttribute();
            attribute = next.name();
            value = next.value();
        } while (attribute != 'p');
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw ScramReader.malformed("Malformed proof in client-final-message.");
        }
        if (proof.length != ScramCrypto.KEY_LENGTH) {
            throw ScramReader.malformed("Malformed proof in client-final-message.");
        }
        if (!in.atEnd()) {
            throw ScramReader.malformed("Garbage found at the end of client-final-message.");
        }
        String withoutProof = clientFinalMessage.substring(0, proofStart - 1);
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        if (!finalNonce.equals(combinedNonce) || !proofMatches(proof, authMessage) || mock) {
            throw passwordFailed(userName);
        }
        byte[] serverSignature = ScramCrypto.hmac(secret.serverKey(), authMessage);
        return "v=" + Base64.getEncoder().encodeToString(serverSignature);
    }

    /** PostgreSQL's error for every kind of failed password authentication. */
    public static DbException passwordFailed(String userName) {
        return new DbException(SqlState.INVALID_PASSWORD,
                "password authentication failed for user \"" + userName + "\"")
                .withSeverity(DbException.Severity.FATAL);
    }

    private boolean proofMatches(byte[] proof, byte[] authMessage) {
        byte[] clientSignature = ScramCrypto.hmac(secret.storedKey(), authMessage);
        byte[] clientKey = ScramCrypto.xor(proof, clientSignature);
        return MessageDigest.isEqual(ScramCrypto.sha256(clientKey), secret.storedKey());
    }

    private void expectState(State expected) {
        if (state != expected) {
            state = State.FINISHED;
            throw ScramReader.malformed("Unexpected SCRAM message at this point of the exchange.");
        }
    }

    /** A stable fake secret: same salt for the same user on every attempt, as a real role would have. */
    private static ScramSecret mockSecret(String userName, byte[] mockSecret) {
        byte[] seed = concat(mockSecret, userName.getBytes(StandardCharsets.UTF_8));
        byte[] salt = Arrays.copyOf(ScramCrypto.sha256(seed), ScramSha256.SALT_LENGTH);
        byte[] storedKey = ScramCrypto.hmac(concat(seed, new byte[] {1}), "Stored Key".getBytes(StandardCharsets.US_ASCII));
        byte[] serverKey = ScramCrypto.hmac(concat(seed, new byte[] {2}), "Server Key".getBytes(StandardCharsets.US_ASCII));
        return new ScramSecret(ScramSha256.DEFAULT_ITERATIONS, salt, storedKey, serverKey);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String randomNonce() {
        byte[] raw = new byte[RAW_NONCE_LENGTH];
        RANDOM.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
