package org.perdition.plugin.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.security.GeneralSecurityException;
import javax.net.SocketFactory;
import javax.net.ssl.TrustManager;

/**
 * A small pool of connections to the servers of one {@link LdapOptions}: tried in order
 * ({@link FailoverServerSet}, as libldap tries the URL's hosts), optionally over TLS, bound as
 * {@code bindname} or anonymously, with connect and response timeouts.
 *
 * <p>The pool is created lazily: a server that is down at start-up does not stop the proxy, each
 * lookup tries again (spec §5: perdition connected per lookup too).
 */
final class LdapDirectory implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 8;

    private final LdapOptions options;
    private LDAPConnectionPool pool;

    LdapDirectory(LdapOptions options) {
        this.options = options;
    }

    /** The pool, connecting first if there is none yet. */
    synchronized LDAPConnectionPool pool() throws LDAPException {
        if (pool == null) {
            pool = connect();
        }
        return pool;
    }

    private LDAPConnectionPool connect() throws LDAPException {
        LDAPConnectionOptions connectionOptions = new LDAPConnectionOptions();
        connectionOptions.setConnectTimeoutMillis(options.timeoutMillis());
        connectionOptions.setResponseTimeoutMillis(options.timeoutMillis());
        connectionOptions.setUseSynchronousMode(true);
        String[] hosts = options.url().hosts().stream().map(LdapUrl.HostPort::host).toArray(String[]::new);
        int[] ports = options.url().hosts().stream().mapToInt(LdapUrl.HostPort::port).toArray();
        SocketFactory sockets = null;
        PostConnectProcessor startTls = null;
        if (options.usesTls()) {
            SSLUtil ssl = new SSLUtil(trustManager());
            if (!options.trustAll()) {
                connectionOptions.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            }
            try {
                if (options.url().secure()) {
                    sockets = ssl.createSSLSocketFactory();
                } else {
                    startTls = new StartTLSPostConnectProcessor(ssl.createSSLSocketFactory());
                }
            } catch (GeneralSecurityException e) {
                throw new LDAPException(com.unboundid.ldap.sdk.ResultCode.LOCAL_ERROR,
                        "cannot set up TLS: " + e.getMessage(), e);
            }
        }
        FailoverServerSet servers = new FailoverServerSet(hosts, ports, sockets, connectionOptions);
        BindRequest bind = options.bindDn() == null ? null
                : new SimpleBindRequest(options.bindDn(), options.bindPassword() == null ? "" : options.bindPassword());
        LDAPConnectionPool created = new LDAPConnectionPool(servers, bind, 1, MAX_CONNECTIONS, startTls);
        created.setConnectionPoolName("perdition-ldap");
        created.setMaxWaitTimeMillis(options.timeoutMillis());
        created.setCreateIfNecessary(true);
        // a connection the server dropped is replaced and the operation retried once
        created.setRetryFailedOperationsDueToInvalidConnections(true);
        return created;
    }

    private TrustManager trustManager() throws LDAPException {
        if (options.trustAll()) {
            return new TrustAllTrustManager();
        }
        if (options.caCertificates() != null) {
            try {
                return new PEMFileTrustManager(options.caCertificates().toFile());
            } catch (Exception e) {
                throw new LDAPException(com.unboundid.ldap.sdk.ResultCode.LOCAL_ERROR,
                        "cannot read the CA file " + options.caCertificates()
                                + " (x-tls-cacert, LDAPTLS_CACERT or ldap.conf TLS_CACERT): " + e.getMessage(), e);
            }
        }
        return JVMDefaultTrustManager.getInstance();
    }

    /** Drops the pool after a failure, so that the next lookup reconnects from scratch. */
    synchronized void discard(LDAPConnectionPool failed) {
        if (pool == failed && pool != null) {
            pool.close();
            pool = null;
        }
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
