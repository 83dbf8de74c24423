package io.github.modelarts.taskevents.testsupport;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A private CA in miniature, made by the JDK's keytool: a server key with a self-signed certificate for
 * 127.0.0.1, and a PKCS12 trust store holding that certificate, as an operator would hand it over.
 */
public final class TestCertificates {
    public static final String TRUST_PASSWORD = "trust-Secret-77";
    private static final String SERVER_PASSWORD = "server-pass";

    private final Path serverKeys;
    private final Path trustStore;

    private TestCertificates(Path serverKeys, Path trustStore) {
        this.serverKeys = serverKeys;
        this.trustStore = trustStore;
    }

    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Path serverKeys = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.pem");
        Path trustStore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", serverKeys.toString(), "-storepass", SERVER_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", serverKeys.toString(), "-storepass",
                SERVER_PASSWORD, "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "private-ca", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", TRUST_PASSWORD);
        return new TestCertificates(serverKeys, trustStore);
    }

    public Path trustStore() {
        return trustStore;
    }

    /** An HTTPS server on the loopback interface presenting the server certificate; the caller stops it. */
    public HttpsServer httpsServer(HttpHandler handler) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance(serverKeys.toFile(), SERVER_PASSWORD.toCharArray());
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, SERVER_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", handler);
        server.start();
        return server;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("keytool", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + Files.readString(output));
        }
        Files.delete(output);
    }
}
