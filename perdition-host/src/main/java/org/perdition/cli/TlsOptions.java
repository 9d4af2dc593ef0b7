package org.perdition.cli;

import static org.perdition.cli.OptionTable.flag;
import static org.perdition.cli.OptionTable.value;

import java.util.List;

/** perdition 2.2's SSL/TLS options (spec §1.2, §1.4). */
final class TlsOptions {

    private static final OptionGroup T = OptionGroup.TLS;
    private static final String VERSIONS = "sslv3|tlsv1|tlsv1.1|tlsv1.2";

    private TlsOptions() {
    }

    static List<OptionSpec> specs() {
        return List.of(
                value(null, "ssl_mode", "MODE[,MODE...]", T, "none (POP3S, IMAP4S: ssl_all)",
                        "none, ssl_listen, ssl_outgoing, ssl_all, tls_listen, tls_outgoing, tls_all, "
                        + "tls_listen_force, tls_outgoing_force, tls_all_force.",
                        (s, v) -> StateLists.sslModes(v, s.sslMode)).accumulating(),
                value(null, "ssl_ca_chain_file", "FILE", T, null, "Extra CA certificates for the listening side.",
                        (s, v) -> s.sslCaChainFile = Values.optional(v)),
                value(null, "ssl_ca_file", "FILE", T, null, "CA certificates to verify peers with.",
                        (s, v) -> s.sslCaFile = Values.optional(v)),
                value(null, "ssl_ca_path", "DIR", T, "/etc/perdition/perdition.ca/",
                        "Hashed directory of CA certificates.",
                        (s, v) -> s.sslCaPath = Values.optional(v)),
                flag(null, "ssl_ca_accept_self_signed", T, "Accept a self-signed CA in the chain.",
                        s -> s.sslCaAcceptSelfSigned = true),
                value(null, "ssl_cert_file", "FILE", T, "/etc/perdition/perdition.crt.pem",
                        "Certificate chain (PEM) shown to clients.",
                        (s, v) -> s.sslCertFile = Values.optional(v)),
                value(null, "ssl_key_file", "FILE", T, "/etc/perdition/perdition.key.pem",
                        "Private key (PEM) of the listening side.",
                        (s, v) -> s.sslKeyFile = Values.optional(v)),
                value(null, "ssl_dh_params_file", "FILE", T, null, "Diffie-Hellman parameters (PEM).",
                        (s, v) -> s.sslDhParamsFile = Values.optional(v)),
                flag(null, "ssl_cert_accept_expired", T, "Accept expired certificates.",
                        s -> s.sslCertAcceptExpired = true),
                flag(null, "ssl_cert_accept_not_yet_valid", T, "Accept certificates that are not valid yet.",
                        s -> s.sslCertAcceptNotYetValid = true),
                flag(null, "ssl_cert_accept_self_signed", T, "Accept a self-signed peer certificate.",
                        s -> s.sslCertAcceptSelfSigned = true),
                value(null, "ssl_cert_verify_depth", "N", T, "9", "Longest certificate chain accepted.",
                        (s, v) -> s.sslCertVerifyDepth = Values.digits(v, 100, "a chain depth")),
                value(null, "ssl_listen_ciphers", "STRING", T, "library default", "Cipher list, client side.",
                        (s, v) -> s.sslListenCiphers = Values.optional(v)),
                value(null, "ssl_outgoing_ciphers", "STRING", T, "library default", "Cipher list, back-end side.",
                        (s, v) -> s.sslOutgoingCiphers = Values.optional(v)),
                flag(null, "ssl_no_cert_verify", T, "Do not verify back-end certificates.",
                        s -> s.sslNoCertVerify = true),
                flag(null, "ssl_no_client_cert_verify", T, "Do not ask clients for certificates.",
                        s -> s.sslNoClientCertVerify = true),
                flag(null, "ssl_no_cn_verify", T, "Do not match the back-end certificate name with its host name.",
                        s -> s.sslNoCnVerify = true),
                value(null, "ssl_passphrase_fd", "FD", T, "0", "Read the key passphrase from this descriptor.",
                        (s, v) -> s.sslPassphraseFd = Values.digits(v, Integer.MAX_VALUE, "a file descriptor number")),
                value(null, "ssl_passphrase_file", "FILE", T, null, "Read the key passphrase from this file.",
                        (s, v) -> s.sslPassphraseFile = Values.optional(v)),
                value(null, "ssl_listen_min_proto_version", VERSIONS, T, "tlsv1", "Oldest protocol for clients.",
                        (s, v) -> s.sslListenMinProtoVersion = Values.protoVersion(v, false)),
                value(null, "ssl_outgoing_min_proto_version", VERSIONS, T, "tlsv1", "Oldest protocol for back-ends.",
                        (s, v) -> s.sslOutgoingMinProtoVersion = Values.protoVersion(v, false)),
                value(null, "ssl_listen_max_proto_version", VERSIONS, T, "library maximum",
                        "Newest protocol for clients; \"\" = library maximum.",
                        (s, v) -> s.sslListenMaxProtoVersion = Values.protoVersion(v, true)),
                value(null, "ssl_outgoing_max_proto_version", VERSIONS, T, "library maximum",
                        "Newest protocol for back-ends; \"\" = library maximum.",
                        (s, v) -> s.sslOutgoingMaxProtoVersion = Values.protoVersion(v, true)),
                flag(null, "ssl_listen_compression", T, "Allow TLS compression, client side.",
                        s -> s.sslListenCompression = true),
                flag(null, "ssl_outgoing_compression", T, "Allow TLS compression, back-end side.",
                        s -> s.sslOutgoingCompression = true),
                flag(null, "ssl_no_cipher_server_preference", T, "Let clients choose the cipher order.",
                        s -> s.sslNoCipherServerPreference = true));
    }
}
