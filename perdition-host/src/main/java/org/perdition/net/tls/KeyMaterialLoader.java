package org.perdition.net.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Loads --ssl_cert_file / --ssl_key_file (spec §1.2) the way OpenSSL's PEM reader would:
 * PKCS#1 ("RSA PRIVATE KEY"), SEC1 ("EC PRIVATE KEY"), PKCS#8, encrypted PKCS#8 and the legacy
 * OpenSSL encryption (Proc-Type: 4,ENCRYPTED + DEK-Info). The key may sit in the certificate
 * file; the certificate file may hold the whole chain, leaf first.
 */
public final class KeyMaterialLoader {

    /** Only for decryption; the keys themselves are converted with the JDK's KeyFactory so both engines accept them. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private KeyMaterialLoader() {
    }

    public static KeyMaterial load(String certFile, String keyFile, PassphraseSource passphrase)
            throws TlsConfigException {
        Path certPath = Path.of(certFile);
        Path keyPath = Path.of(keyFile == null ? certFile : keyFile);
        List<Object> certObjects = PemFiles.readAll(certPath, "certificate");
        List<X509Certificate> chain = PemFiles.certificates(certObjects, certPath, "certificate");
        if (chain.isEmpty()) {
            throw new TlsConfigException("cannot read certificate " + certPath + ": no certificate found", null);
        }
        List<Object> keyObjects = keyPath.equals(certPath) ? certObjects : PemFiles.readAll(keyPath, "key");
        Object keyObject = firstKey(keyObjects);
        if (keyObject == null && !keyPath.equals(certPath)) {
            keyObject = firstKey(certObjects); // the key may be in the cert file too
        }
        if (keyObject == null) {
            throw new TlsConfigException("cannot read key " + keyPath + ": no private key found", null);
        }
        PrivateKey key = toPrivateKey(keyObject, keyPath, passphrase);
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new TlsConfigException("cannot read key " + keyPath + ": certificate and key do not match"
                    + " (certificate " + certPath + ")", null);
        }
        return new KeyMaterial(key, chain);
    }

    private static Object firstKey(List<Object> objects) {
        for (Object o : objects) {
            if (o instanceof PEMKeyPair || o instanceof PrivateKeyInfo || o instanceof PEMEncryptedKeyPair
                    || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                return o;
            }
        }
        return null;
    }

    private static PrivateKey toPrivateKey(Object o, Path file, PassphraseSource passphrase)
            throws TlsConfigException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (o instanceof PEMKeyPair pair) {
                return privateOf(pair, converter);
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (Exception e) {
            throw new TlsConfigException("cannot read key " + file + ": " + PemFiles.reason(e), e);
        }
        char[] secret = passphraseFor(file, passphrase);
        try {
            if (o instanceof PEMEncryptedKeyPair encrypted) {
                PEMKeyPair pair = encrypted.decryptKeyPair(
                        new JcePEMDecryptorProviderBuilder().setProvider(BC).build(secret));
                return privateOf(pair, converter);
            }
            PKCS8EncryptedPrivateKeyInfo encrypted = (PKCS8EncryptedPrivateKeyInfo) o;
            PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(secret));
            return converter.getPrivateKey(info);
        } catch (Exception e) {
            // A wrong passphrase shows as a bad padding / a garbled structure; neither format
            // carries a MAC that would let us tell the two apart, so say the likely thing.
            throw new TlsConfigException("cannot read key " + file + ": wrong passphrase", e);
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    /** An "EC PRIVATE KEY" may omit the optional public key (SEC1 §C.4); only the private half is needed. */
    private static PrivateKey privateOf(PEMKeyPair pair, JcaPEMKeyConverter converter) throws Exception {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
    }

    private static char[] passphraseFor(Path file, PassphraseSource passphrase) throws TlsConfigException {
        try {
            return passphrase.passphrase();
        } catch (TlsConfigException e) {
            throw new TlsConfigException("cannot read key " + file + ": key is encrypted and "
                    + e.getMessage(), e);
        }
    }

    /** Signs a probe with the key and verifies it with the certificate's public key. */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return true; // cannot check; the handshake will
        }
        try {
            byte[] probe = "perdition key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
