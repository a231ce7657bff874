package org.larchdb.pgwire.session;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.larchdb.auth.hba.AuthMethod;
import org.larchdb.auth.AuthStep;
import org.larchdb.auth.AuthenticationExchange;
import org.larchdb.auth.hba.HbaConfig;
import org.larchdb.auth.hba.HbaRule;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.security.RoleInfo;

/**
 * The front end's one door into the auth module: picks the hba rule for a connection and drives the
 * authentication exchange (password, md5 or SCRAM round trips) over an {@link AuthRoundTrip}.
 * Keeping every auth type behind this class means an auth API change touches one file here.
 */
public final class ClientAuthentication {
    /** PostgreSQL's built-in defaults when no hba file is configured: local TCP only, SCRAM. */
    static final String DEFAULT_HBA_RULES = """
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    /** Sends one authentication request ('R' code + payload, flushed) and returns the client's 'p' body. */
    public interface AuthRoundTrip {
        byte[] request(int authCode, byte[] payload);
    }

    private final HbaConfig hba;
    private final byte[] mockSecret;

    private ClientAuthentication(HbaConfig hba, byte[] mockSecret) {
        this.hba = hba;
        this.mockSecret = mockSecret.clone();
    }

    /** Rules from an hba file ({@code pg_hba.conf} syntax). */
    public static ClientAuthentication fromHbaFile(Path hbaFile, byte[] mockSecret) {
        return new ClientAuthentication(HbaConfig.load(hbaFile), mockSecret);
    }

    /** The built-in default rules. */
    public static ClientAuthentication withDefaultRules(byte[] mockSecret) {
        return new ClientAuthentication(HbaConfig.parse(DEFAULT_HBA_RULES, "built-in hba rules"), mockSecret);
    }

    /**
     * Authenticates {@code user} for {@code database}: finds the hba rule (no rule and REJECT are FATAL
     * 28000), then runs the exchange. Returns the final SASL message to send before AuthenticationOk, or
     * null; throws DbException (28P01, 28000...) when authentication fails.
     */
    byte[] authenticate(String database, String user, InetAddress clientAddress, Optional<RoleInfo> role,
                        AuthRoundTrip roundTrip) {
        Optional<HbaRule> rule = hba.match(false, database, user, clientAddress);
        if (rule.isEmpty()) {
            throw HbaConfig.noEntry(clientAddress, user, database, false);
        }
        AuthMethod method = rule.get().method();
        if (method == AuthMethod.REJECT) {
            throw HbaConfig.rejected(clientAddress, user, database, false);
        }
        AuthenticationExchange exchange = AuthenticationExchange.start(method, user, role, mockSecret);
        AuthStep step = exchange.first();
        while (true) {
            switch (step) {
                case AuthStep.Send send -> step = exchange.respond(roundTrip.request(send.authCode(), send.payload()));
                case AuthStep.Success success -> {
                    return success.saslFinalOrNull();
                }
            }
        }
    }

    /** Marks an authentication failure as FATAL, the severity PostgreSQL reports it with. */
    static DbException fatal(DbException e) {
        return e.severity() == DbException.Severity.ERROR ? e.withSeverity(DbException.Severity.FATAL) : e;
    }
}
