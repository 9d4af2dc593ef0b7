package org.perdition.lookup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Function;
import org.perdition.config.Settings;
import org.perdition.config.UserState;
import org.perdition.lookup.ServerAddressParser.ServerSpec;
import org.perdition.protocol.Credentials;

/**
 * The names of one login (spec §3.3 steps 3, 5, 9 and 13; §4.4): the servername_lookup key, the
 * {@code -c} split, and later the local_authentication and remote_login names, each state starting
 * again from the unmangled authorisation id (or the {@code -U} name).
 *
 * <p>SASL: the authorisation id is the authzid when the client sent one, else the user name
 * ({@link Credentials#loginId()}); the authzid is what is looked up and mangled, the authcid is
 * never changed (spec §3.6 "SASL PLAIN decoding").
 */
final class LoginNames {

    /**
     * @param lookupName the servername_lookup name: the map key (or the {@code \U} of --query_key)
     * @param baseName   where local_authentication and remote_login start (before -U)
     * @param logName    the Auth line's authentication_id
     * @param domain     the -A domain, computed once per login (null = none)
     * @param clientSpec the -c target as written, or null when -c does not apply
     * @param clientServer the usable -c target, or null
     * @param refused    the -c target was refused by --client_server_allow: no -s fallback
     */
    record Prepared(String lookupName, String baseName, String logName, boolean hasAuthzid, String domain,
                    ServerSpec clientSpec, BackendAddress clientServer, boolean refused) {

        boolean clientChosen() {
            return clientSpec != null;
        }

        Prepared withClientServer(BackendAddress server) {
            return new Prepared(lookupName, baseName, logName, hasAuthzid, domain, clientSpec, server, false);
        }

        Prepared refusedTarget() {
            return new Prepared(lookupName, baseName, logName, hasAuthzid, domain, clientSpec, null, true);
        }
    }

    private final Settings settings;
    private final UsernameRules rules;
    private final Function<InetAddress, String> reverseDns;

    LoginNames(Settings settings, Function<InetAddress, String> reverseDns) {
        this.settings = settings;
        this.rules = new UsernameRules(settings);
        this.reverseDns = reverseDns;
    }

    boolean needsReverseDns() {
        return rules.needsReverseDns();
    }

    /** May block (reverse DNS for -A): call on the lookup executor. */
    Prepared prepare(Credentials credentials, InetSocketAddress local) {
        String id = credentials.loginId() == null ? "" : credentials.loginId();
        boolean hasAuthzid = credentials.authorisationId() != null && !credentials.authorisationId().isEmpty();
        String logName = credentials.user();
        String domain = settings.addDomain.isEmpty() ? null
                : LocalDomain.of(settings, local == null ? null : local.getAddress(), reverseDns);
        String lookupName = rules.apply(UserState.SERVERNAME_LOOKUP, id, () -> domain);
        if (settings.clientServerSpecification) {
            var spec = ClientServerSpecification.parse(lookupName, settings.domainDelimiter);
            if (spec.isPresent()) {
                String base = ClientServerSpecification.loginName(id, settings.domainDelimiter);
                return new Prepared(lookupName, base, logName, hasAuthzid, domain, spec.get(), null, false);
            }
        }
        return new Prepared(lookupName, id, logName, hasAuthzid, domain, null, null, false);
    }

    String remoteLogin(String base, Prepared prepared) {
        return rules.apply(UserState.REMOTE_LOGIN, base, prepared::domain);
    }

    String localAuthentication(String base, Prepared prepared) {
        return rules.apply(UserState.LOCAL_AUTHENTICATION, base, prepared::domain);
    }
}
