package org.natterjack.webadmin.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collections;
import java.util.Optional;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.natterjack.admin.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate HTTPS serves now, and replacing it: an uploaded key and certificate are checked, stored
 * where {@link TlsKeys#load} reads them at the next start, and put into Jetty's running TLS context, so new
 * connections get them at once.
 */
public final class ServedCertificate {

    private static final Logger LOG = LoggerFactory.getLogger(ServedCertificate.class);

    private final SslContextFactory.Server ssl;
    private final Path dir;
    private final Optional<String> configured;
    private final Clock clock;
    private volatile CertificateInfo current;

    /**
     * @param dir where an uploaded certificate is stored ({@code DATA/web-admin})
     * @param configured the setting that names the certificate, if the configuration does: an upload would
     *     be lost at the next start, so it is refused
     */
    public ServedCertificate(TlsKeys.Loaded tls, Path dir, Optional<String> configured, Clock clock) {
        this.ssl = new SslContextFactory.Server();
        this.dir = dir;
        this.configured = configured;
        this.clock = clock;
        use(ssl, tls);
        ssl.setIncludeProtocols("TLSv1.2", "TLSv1.3");
        this.current = info(tls);
    }

    /** For the HTTPS connector. */
    public SslContextFactory.Server sslContextFactory() {
        return ssl;
    }

    public CertificateInfo current() {
        return current;
    }

    /**
     * Checks {@code material} (key matches, valid now), stores it and serves it; nothing changes if it is
     * refused.
     *
     * @return the new certificate, or with {@code appliesAtRestart} if Jetty could not take it now
     * @throws IllegalArgumentException saying what is wrong with the upload, or that the configuration names
     *     the certificate
     */
    public synchronized Replaced replace(KeyMaterial material) throws IOException {
        configured.ifPresent(setting -> {
            throw new InvalidFieldException("certificate", "certificate: the configuration names the certificate ("
                    + setting + "); replace the files it names, or remove the setting to upload here");
        });
        material.checkUsable(clock.instant());
        TlsKeys.Loaded loaded;
        try {
            loaded = material.toKeyStore("certificate " + dir.resolve(TlsKeys.CERTIFICATE_FILE));
        } catch (GeneralSecurityException e) {
            throw new InvalidFieldException("certificate", "certificate: cannot be used (" + e.getMessage() + ")");
        }
        TlsKeys.store(dir, material);
        current = info(loaded);
        try {
            ssl.reload(factory -> use((SslContextFactory.Server) factory, loaded));
            LOG.info("Web admin: now serving certificate {} (SHA-256 {})", current.subject(), current.sha256());
            return new Replaced(current, false);
        } catch (Exception e) {
            LOG.warn("Web admin: the uploaded certificate is stored but applies at the next start: {}",
                    e.getMessage());
            return new Replaced(current, true);
        }
    }

    /** The outcome of {@link #replace}. */
    public record Replaced(CertificateInfo certificate, boolean appliesAtRestart) {
    }

    private static void use(SslContextFactory.Server factory, TlsKeys.Loaded tls) {
        factory.setKeyStore(tls.keyStore());
        factory.setKeyStorePassword(tls.password());
        factory.setKeyManagerPassword(tls.password());
    }

    /** The certificate of the key entry (a configured PKCS#12 file may name it anything). */
    private static CertificateInfo info(TlsKeys.Loaded tls) {
        try {
            for (String alias : Collections.list(tls.keyStore().aliases())) {
                if (tls.keyStore().isKeyEntry(alias)) {
                    return CertificateInfo.of((X509Certificate) tls.keyStore().getCertificate(alias),
                            tls.description());
                }
            }
            throw new IllegalStateException("the web admin's key store has no key");
        } catch (KeyStoreException e) {
            throw new IllegalStateException("cannot read the web admin's key store: " + e.getMessage(), e);
        }
    }
}
