package org.perdition.net.tls;

import org.perdition.config.Settings;

/**
 * How a peer's certificate chain is judged (spec §1.2). {@code checkChain} false is
 * --ssl_no_cert_verify; the accept* flags are the ssl_cert_accept_* / ssl_ca_accept_self_signed
 * relaxations; {@code maxChainLength} is --ssl_cert_verify_depth + 1; {@code checkName} is off
 * with --ssl_no_cn_verify (and always off for client certificates, which have no host name).
 */
public record VerifyPolicy(boolean checkChain, boolean acceptExpired, boolean acceptNotYetValid,
        boolean acceptSelfSignedLeaf, boolean acceptSelfSignedRoot, int maxChainLength, boolean checkName) {

    /** The outgoing side's policy. perdition still checks the name with ssl_no_cert_verify (spec §1.2). */
    public static VerifyPolicy outgoing(Settings s) {
        return new VerifyPolicy(!s.sslNoCertVerify, s.sslCertAcceptExpired, s.sslCertAcceptNotYetValid,
                s.sslCertAcceptSelfSigned, s.sslCaAcceptSelfSigned, s.sslCertVerifyDepth + 1, !s.sslNoCnVerify);
    }

    /** The listen side's policy for (optional) client certificates: same relaxations, no name. */
    public static VerifyPolicy clientCertificates(Settings s) {
        return new VerifyPolicy(true, s.sslCertAcceptExpired, s.sslCertAcceptNotYetValid,
                s.sslCertAcceptSelfSigned, s.sslCaAcceptSelfSigned, s.sslCertVerifyDepth + 1, false);
    }
}
