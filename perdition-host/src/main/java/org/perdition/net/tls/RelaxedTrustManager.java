package org.perdition.net.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * PKIX chain validation with perdition's relaxations (spec §1.2), then the RFC 6125 name check.
 *
 * <p>Rather than parse a stock trust manager's exception text to find out which check failed,
 * the time checks are done here first (so expired / not-yet-valid can be forgiven on their
 * own), then the path is validated with {@link CertPathValidator}, or, when a time problem
 * was forgiven, by walking its links (names, signatures, CA flags).
 */
public final class RelaxedTrustManager extends X509ExtendedTrustManager {

    private final List<X509Certificate> anchorCerts;
    private final Set<TrustAnchor> anchors;
    private final VerifyPolicy policy;

    public RelaxedTrustManager(List<X509Certificate> anchorCerts, VerifyPolicy policy) {
        this.anchorCerts = List.copyOf(anchorCerts);
        this.anchors = new LinkedHashSet<>();
        for (X509Certificate cert : anchorCerts) {
            anchors.add(new TrustAnchor(cert, null));
        }
        this.policy = policy;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServer(chain, engine == null ? null : engine.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        String host = socket instanceof SSLSocket ssl && ssl.getHandshakeSession() != null
                ? ssl.getHandshakeSession().getPeerHost() : null;
        checkServer(chain, host);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkServer(chain, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkChain(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkChain(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkChain(chain);
    }

    /**
     * Empty: the engines use this only for the CA names of a CertificateRequest, and perdition
     * sends none (spec §1.2, observed); a large --ssl_ca_path would otherwise bloat every handshake.
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private void checkServer(X509Certificate[] chain, String host) throws CertificateException {
        checkChain(chain);
        if (policy.checkName()) {
            if (host == null) {
                throw new CertificateException("no host name to check the certificate against");
            }
            HostnameCheck.verify(chain[0], host);
        }
    }

    /** The chain check alone (package-visible for tests). */
    void checkChain(X509Certificate[] chain) throws CertificateException {
        if (!policy.checkChain()) {
            return;
        }
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no certificate presented");
        }
        int length = chain.length + (isSelfSigned(chain[chain.length - 1]) ? 0 : 1); // + the anchor
        if (length > policy.maxChainLength()) {
            throw new CertificateException("certificate chain too long: " + length + " certificates, at most "
                    + policy.maxChainLength() + " allowed (--ssl_cert_verify_depth)");
        }
        boolean timeForgiven = checkTimes(chain);
        List<X509Certificate> path = new ArrayList<>(Arrays.asList(chain));
        while (!path.isEmpty() && anchorCerts.contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1); // the presented root is the anchor itself
        }
        if (path.isEmpty()) {
            return; // the leaf itself is trusted
        }
        Set<TrustAnchor> usable = anchors;
        X509Certificate last = path.get(path.size() - 1);
        if (isSelfSigned(last)) {
            boolean leaf = path.size() == 1;
            if (leaf ? !policy.acceptSelfSignedLeaf() : !policy.acceptSelfSignedRoot()) {
                throw new CertificateException(leaf ? "self signed certificate"
                        : "self signed certificate in certificate chain");
            }
            if (leaf) {
                return;
            }
            usable = new HashSet<>(anchors);
            usable.add(new TrustAnchor(last, null));
            path.remove(path.size() - 1);
        }
        validate(path, usable, timeForgiven);
    }

    /** Returns true when an expired / not-yet-valid certificate was forgiven. */
    private boolean checkTimes(X509Certificate[] chain) throws CertificateException {
        boolean forgiven = false;
        for (X509Certificate cert : chain) {
            try {
                cert.checkValidity();
            } catch (CertificateExpiredException e) {
                if (!policy.acceptExpired()) {
                    throw new CertificateExpiredException("certificate has expired: "
                            + cert.getSubjectX500Principal().getName());
                }
                forgiven = true;
            } catch (CertificateNotYetValidException e) {
                if (!policy.acceptNotYetValid()) {
                    throw new CertificateNotYetValidException("certificate is not yet valid: "
                            + cert.getSubjectX500Principal().getName());
                }
                forgiven = true;
            }
        }
        return forgiven;
    }

    private static void validate(List<X509Certificate> path, Set<TrustAnchor> anchors, boolean timeForgiven)
            throws CertificateException {
        if (anchors.isEmpty()) {
            throw new CertificateException("unable to get local issuer certificate (no CA configured)");
        }
        if (timeForgiven) {
            // The JDK's PKIX validator always checks validity dates, and an expired leaf need
            // not share a moment of validity with its CA; so the forgiving case walks the
            // chain itself: names, signatures and CA flags, no dates.
            checkLinks(path, anchors);
            return;
        }
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false); // perdition sets no CRL checking either
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            throw new CertificateException("certificate verify failed: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("certificate verify failed: " + e.getMessage(), e);
        }
    }

    private static void checkLinks(List<X509Certificate> path, Set<TrustAnchor> anchors) throws CertificateException {
        for (int i = 0; i + 1 < path.size(); i++) {
            if (!issues(path.get(i + 1), path.get(i))) {
                throw new CertificateException("certificate verify failed: "
                        + path.get(i).getSubjectX500Principal().getName() + " is not issued by the next certificate");
            }
        }
        X509Certificate last = path.get(path.size() - 1);
        for (TrustAnchor anchor : anchors) {
            if (issues(anchor.getTrustedCert(), last)) {
                return;
            }
        }
        throw new CertificateException("certificate verify failed: unable to get local issuer certificate for "
                + last.getSubjectX500Principal().getName());
    }

    /** True when {@code issuer} is a CA whose name and key signed {@code cert}. */
    private static boolean issues(X509Certificate issuer, X509Certificate cert) {
        if (!issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
                || issuer.getBasicConstraints() < 0) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static boolean isSelfSigned(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
