package org.larchdb.auth.scram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A minimal SCRAM-SHA-256 client (RFC 5802 client side, no channel binding) written independently
 * of the server code, so the tests drive the server the way a driver would.
 */
public final class ScramTestClient {
    private final String password;
    private final String clientFirstBare;
    private String expectedServerSignature;

    public ScramTestClient(String user, String password, String clientNonce) {
        this.password = password;
        this.clientFirstBare = "n=" + user + ",r=" + clientNonce;
    }

    public String clientFirst() {
        return "n,," + clientFirstBare;
    }

    public String clientFinal(String serverFirst) throws Exception {
        String nonce = null;
        byte[] salt = null;
        int iterations = 0;
        for (String part : serverFirst.split(",")) {
            switch (part.charAt(0)) {
                case 'r' -> nonce = part.substring(2);
                case 's' -> salt = Base64.getDecoder().decode(part.substring(2));
                case 'i' -> iterations = Integer.parseInt(part.substring(2));
                default -> throw new IllegalArgumentException(part);
            }
        }
        javax.crypto.SecretKeyFactory pbkdf2 = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salted = pbkdf2.generateSecret(
                new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        String withoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] signature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        byte[] serverKey = hmac(salted, "Server Key");
        expectedServerSignature = "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /** The server-final-message a correct server must answer with. */
    public String expectedServerFinal() {
        return expectedServerSignature;
    }

    private static byte[] hmac(byte[] key, String message) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }
}
