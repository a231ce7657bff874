package org.larchdb.auth;

/**
 * What the connection does next during authentication: send one AuthenticationXXX request to the
 * client, or finish. Failure is never a step: it is a thrown FATAL DbException.
 */
public sealed interface AuthStep permits AuthStep.Send, AuthStep.Success {

    /** AuthenticationCleartextPassword. */
    int CLEARTEXT_PASSWORD = 3;
    /** AuthenticationMD5Password; payload is the 4-byte salt. */
    int MD5_PASSWORD = 5;
    /** AuthenticationSASL; payload is the NUL-terminated mechanism list. */
    int SASL = 10;
    /** AuthenticationSASLContinue; payload is the server-first-message. */
    int SASL_CONTINUE = 11;
    /** AuthenticationSASLFinal; payload is the server-final-message. */
    int SASL_FINAL = 12;

    /**
     * Send AuthenticationXXX with this code; the message body is the int32 {@code authCode}
     * followed by {@code payload} (possibly empty), then wait for the client's 'p' message.
     */
    record Send(int authCode, byte[] payload) implements AuthStep {
        public Send {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }

    /**
     * Authentication is complete: send AuthenticationSASLFinal with {@code saslFinalOrNull} when it
     * is not null, then AuthenticationOk.
     */
    record Success(byte[] saslFinalOrNull) implements AuthStep {
        public Success {
            saslFinalOrNull = saslFinalOrNull == null ? null : saslFinalOrNull.clone();
        }

        @Override
        public byte[] saslFinalOrNull() {
            return saslFinalOrNull == null ? null : saslFinalOrNull.clone();
        }
    }
}
