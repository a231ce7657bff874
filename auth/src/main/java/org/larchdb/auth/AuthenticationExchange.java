package org.larchdb.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.larchdb.auth.hba.AuthMethod;
import org.larchdb.auth.password.Md5Password;
import org.larchdb.auth.scram.ScramServerExchange;
import org.larchdb.auth.scram.ScramSha256;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.security.RoleInfo;

/**
 * One connection's authentication, driven by pgwire: {@link #first()} gives the first request to
 * send, each client 'p' message body goes to {@link #respond(byte[])}, until a {@link AuthStep.Success}
 * or a thrown FATAL DbException. Follows PostgreSQL 15's {@code auth.c}:
 * <ul>
 *   <li>{@code password}: cleartext, checked against a SCRAM or md5 verifier;</li>
 *   <li>{@code md5}: the md5 challenge when the stored verifier is md5, otherwise SCRAM;</li>
 *   <li>{@code scram-sha-256}: SCRAM; an md5 verifier cannot pass.</li>
 * </ul>
 * An unknown role, a role without a password and an expired password all run the normal exchange
 * against a mock secret and end with the same 28P01 as a wrong password, so a client cannot
 * probe which roles exist. The login privilege is checked only after the password passed.
 * Not thread-safe: one instance per connection.
 */
public final class AuthenticationExchange {

    private static final byte[] SCRAM_MECHANISMS = "SCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final String SCRAM_MECHANISM = "SCRAM-SHA-256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Mode { TRUST, REJECT, CLEARTEXT, MD5, SCRAM }

    private enum State { NOT_STARTED, AWAITING_PASSWORD, AWAITING_SASL_INITIAL, AWAITING_SASL_FIRST,
        AWAITING_SASL_FINAL, DONE }

    private final Mode mode;
    private final String user;
    private final Optional<RoleInfo> role;
    /** The stored verifier when the role exists, has a password and it has not expired; else null. */
    private final String usableVerifier;
    private final byte[] mockSecret;
    private final byte[] md5Salt = new byte[4];
    private ScramServerExchange scram;
    private State state = State.NOT_STARTED;

    private AuthenticationExchange(Mode mode, String user, Optional<RoleInfo> role, String usableVerifier,
                                   byte[] mockSecret) {
        this.mode = mode;
        this.user = user;
        this.role = role;
        this.usableVerifier = usableVerifier;
        this.mockSecret = mockSecret.clone();
    }

    /** As PostgreSQL with the default {@code password_encryption = scram-sha-256}. */
    public static AuthenticationExchange start(AuthMethod method, String user, Optional<RoleInfo> role,
                                               byte[] mockSecret) {
        return start(method, user, role, mockSecret, "scram-sha-256", Clock.systemUTC());
    }

    /**
     * @param passwordEncryption decides, for method md5 without a usable verifier, whether the doomed
     *                           exchange looks like md5 or SCRAM — as PostgreSQL does
     * @param clock              for {@code rolvaliduntil}
     */
    public static AuthenticationExchange start(AuthMethod method, String user, Optional<RoleInfo> role,
                                               byte[] mockSecret, String passwordEncryption, Clock clock) {
        String verifier = role
                .filter(r -> r.password() != null)
                .filter(r -> r.validUntil() == null || !r.validUntil().isBefore(clock.instant()))
                .map(RoleInfo::password)
                .orElse(null);
        Mode mode = switch (method) {
            case TRUST -> Mode.TRUST;
            case REJECT -> Mode.REJECT;
            case PASSWORD -> Mode.CLEARTEXT;
            case SCRAM_SHA_256 -> Mode.SCRAM;
            case MD5 -> {
                boolean md5Stored = verifier != null ? Md5Password.isVerifier(verifier)
                        : "md5".equalsIgnoreCase(passwordEncryption);
                yield md5Stored ? Mode.MD5 : Mode.SCRAM;
            }
        };
        return new AuthenticationExchange(mode, user, role, verifier, mockSecret);
    }

    /** The first step: a request to send, or (trust) immediate success. */
    public AuthStep first() {
        if (state != State.NOT_STARTED) {
            throw protocolViolation("authentication already started");
        }
        state = State.DONE;
        return switch (mode) {
            case TRUST -> {
                RoleInfo r = role.orElseThrow(() -> fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                        "role \"" + user + "\" does not exist"));
                checkCanLogin(r);
                yield new AuthStep.Success(null);
            }
            case REJECT -> throw fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "pg_hba.conf rejects connection for user \"" + user + "\"");
            case CLEARTEXT -> {
                state = State.AWAITING_PASSWORD;
                yield new AuthStep.Send(AuthStep.CLEARTEXT_PASSWORD, new byte[0]);
            }
            case MD5 -> {
                RANDOM.nextBytes(md5Salt);
                state = State.AWAITING_PASSWORD;
                yield new AuthStep.Send(AuthStep.MD5_PASSWORD, md5Salt);
            }
            case SCRAM -> {
                scram = new ScramServerExchange(user, usableVerifier, mockSecret);
                state = State.AWAITING_SASL_INITIAL;
                yield new AuthStep.Send(AuthStep.SASL, SCRAM_MECHANISMS);
            }
        };
    }

    /** Handles the body of the client's 'p' message and returns the next step, or throws FATAL. */
    public AuthStep respond(byte[] payload) {
        State current = state;
        state = State.DONE; // an exception ends the exchange; success paths set the next state
        try {
            return switch (current) {
                case AWAITING_PASSWORD -> mode == Mode.MD5 ? md5Response(payload) : cleartextResponse(payload);
                case AWAITING_SASL_INITIAL -> saslInitialResponse(payload);
                case AWAITING_SASL_FIRST -> {
                    String serverFirst = scram.handleClientFirst(utf8(payload));
                    state = State.AWAITING_SASL_FINAL;
                    yield new AuthStep.Send(AuthStep.SASL_CONTINUE, serverFirst.getBytes(StandardCharsets.UTF_8));
                }
                case AWAITING_SASL_FINAL -> {
                    String serverFinal = scram.handleClientFinal(utf8(payload));
                    checkCanLogin(role.orElseThrow(() -> ScramServerExchange.passwordFailed(user)));
                    yield new AuthStep.Success(serverFinal.getBytes(StandardCharsets.UTF_8));
                }
                case NOT_STARTED, DONE -> throw protocolViolation("unexpected password message during authentication");
            };
        } catch (DbException e) {
            throw e.severity() == DbException.Severity.FATAL ? e : e.withSeverity(DbException.Severity.FATAL);
        }
    }

    private AuthStep cleartextResponse(byte[] payload) {
        byte[] password = cString(payload);
        if (password.length == 0) {
            throw ScramServerExchange.passwordFailed(user); // PostgreSQL: "empty password returned by client"
        }
        boolean ok;
        if (usableVerifier != null && ScramSha256.isVerifier(usableVerifier)) {
            ok = ScramSha256.verifyPlaintext(usableVerifier, password);
        } else if (usableVerifier != null && Md5Password.isVerifier(usableVerifier)) {
            ok = Md5Password.verifyPlaintext(usableVerifier, user, password);
        } else {
            // Same cost as checking a real SCRAM verifier, so the answer time tells nothing.
            ScramSha256.verifyPlaintext(mockVerifier(), password);
            ok = false;
        }
        return succeedOrFail(ok);
    }

    private AuthStep md5Response(byte[] payload) {
        String response = new String(cString(payload), StandardCharsets.UTF_8);
        boolean ok = usableVerifier != null && Md5Password.verifyResponse(usableVerifier, user, md5Salt, response);
        return succeedOrFail(ok);
    }

    private AuthStep succeedOrFail(boolean ok) {
        if (!ok || role.isEmpty()) {
            throw ScramServerExchange.passwordFailed(user);
        }
        checkCanLogin(role.get());
        return new AuthStep.Success(null);
    }

    private AuthStep saslInitialResponse(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        int nul = indexOfNul(payload);
        if (nul < 0) {
            throw protocolViolation("invalid string in message");
        }
        String mechanism = new String(payload, 0, nul, StandardCharsets.UTF_8);
        if (!mechanism.equals(SCRAM_MECHANISM)) {
            throw fatal(SqlState.PROTOCOL_VIOLATION, "client selected an invalid SASL authentication mechanism");
        }
        in.position(nul + 1);
        if (in.remaining() < 4) {
            throw protocolViolation("insufficient data left in message");
        }
        int length = in.getInt();
        if (length == -1) {
            // No initial response: PostgreSQL answers with an empty SASLContinue and waits for it.
            state = State.AWAITING_SASL_FIRST;
            return new AuthStep.Send(AuthStep.SASL_CONTINUE, new byte[0]);
        }
        if (length < 0 || length > in.remaining()) {
            throw protocolViolation("insufficient data left in message");
        }
        if (length != in.remaining()) {
            throw protocolViolation("invalid message format");
        }
        byte[] data = Arrays.copyOfRange(payload, in.position(), payload.length);
        String serverFirst = scram.handleClientFirst(utf8(data));
        state = State.AWAITING_SASL_FINAL;
        return new AuthStep.Send(AuthStep.SASL_CONTINUE, serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    private void checkCanLogin(RoleInfo r) {
        if (!r.canLogin()) {
            throw fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "role \"" + r.name() + "\" is not permitted to log in");
        }
    }

    /** A well-formed verifier that no password matches, with the same salt and cost as a real one. */
    private String mockVerifier() {
        byte[] salt;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(mockSecret);
            salt = Arrays.copyOf(sha.digest(user.getBytes(StandardCharsets.UTF_8)), ScramSha256.SALT_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        Base64.Encoder b64 = Base64.getEncoder();
        String noKey = b64.encodeToString(new byte[32]);
        return "SCRAM-SHA-256$" + ScramSha256.DEFAULT_ITERATIONS + ":" + b64.encodeToString(salt) + "$"
                + noKey + ":" + noKey;
    }

    /** A PasswordMessage body: one NUL-terminated string filling the whole message. */
    private static byte[] cString(byte[] payload) {
        int nul = indexOfNul(payload);
        if (nul != payload.length - 1) {
            throw protocolViolation("invalid password packet size");
        }
        return Arrays.copyOf(payload, nul);
    }

    private static int indexOfNul(byte[] payload) {
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String utf8(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    private static DbException protocolViolation(String message) {
        return fatal(SqlState.PROTOCOL_VIOLATION, message);
    }

    private static DbException fatal(SqlState state, String message) {
        return new DbException(state, message).withSeverity(DbException.Severity.FATAL);
    }
}
