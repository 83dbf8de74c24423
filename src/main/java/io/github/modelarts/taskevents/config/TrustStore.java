package io.github.modelarts.taskevents.config;

import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities HTTPS connections trust: the JDK's, plus those of an optional trust store
 * ({@code MODELARTS_TRUSTSTORE_PATH}, PKCS12 or JKS) for a private CA. Added to the JDK's rather than replacing
 * them, because one client talks to both ModelArts and IAM, and a private CA in front of one of them must
 * not cut off the other. Read at start-up, so a wrong path or password stops the process there.
 */
public final class TrustStore {
    private static final String PATH = "modelarts.truststore.path";
    private static final String PASSWORD = "modelarts.truststore.password";
    private static final TrustStore JDK_DEFAULT = new TrustStore(null);

    /** Null for the JDK's CAs alone. */
    private final KeyStore extraCas;

    private TrustStore(KeyStore extraCas) {
        this.extraCas = extraCas;
    }

    static TrustStore from(SettingsReader read) {
        String path = read.text(PATH);
        Secret password = read.secret(PASSWORD);
        if (path.isEmpty()) {
            if (!password.isBlank()) {
                read.problem(PASSWORD, "is set but " + SettingsSource.envName(PATH) + " is not");
            }
            return JDK_DEFAULT;
        }
        File file = new File(path);
        if (!file.isFile() || !file.canRead()) {
            read.problem(PATH, "'" + path + "' is not a readable file");
            return JDK_DEFAULT;
        }
        try {
            KeyStore store = KeyStore.getInstance(file, password.isBlank() ? null : password.reveal().toCharArray());
            if (Collections.list(store.aliases()).stream().noneMatch(alias -> certificate(store, alias) != null)) {
                // a PKCS12 store keeps its certificates encrypted: without the password none can be read
                read.problem(password.isBlank() ? PASSWORD : PATH, "'" + path + "' shows no certificate"
                        + (password.isBlank() ? " without a password" : ""));
                return JDK_DEFAULT;
            }
            return new TrustStore(store);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                read.problem(PASSWORD, "does not open the trust store '" + path + "' (wrong password)");
            } else {
                read.problem(PATH, "'" + path + "' cannot be read as a trust store: " + e.getMessage());
            }
        } catch (GeneralSecurityException e) {
            read.problem(PATH, "'" + path + "' is not a PKCS12 or JKS trust store");
        }
        return JDK_DEFAULT;
    }

    /** The TLS context of the HTTP client: certificates and host names verified, against these CAs. */
    public SSLContext sslContext() {
        try {
            if (extraCas == null) {
                return SSLContext.getDefault();
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS with the configured trust store", e);
        }
    }

    /** The JDK's CAs and the configured ones, in one store (when a trust store is configured). */
    KeyStore anchors() throws GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            anchors.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("an empty key store cannot be created", e);
        }
        int n = 0;
        for (X509Certificate ca : jdkTrustManager().getAcceptedIssuers()) {
            anchors.setCertificateEntry("jdk-" + n++, ca);
        }
        for (String alias : Collections.list(extraCas.aliases())) {
            Certificate certificate = certificate(extraCas, alias);
            if (certificate != null) {
                anchors.setCertificateEntry("configured-" + alias, certificate);
            }
        }
        return anchors;
    }

    private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }

    private static Certificate certificate(KeyStore store, String alias) {
        try {
            return store.getCertificate(alias);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return extraCas == null ? "TrustStore[JDK]" : "TrustStore[JDK + configured]";
    }
}
