package org.natterjack.webadmin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.natterjack.webadmin.audit.AuditLog;
import org.natterjack.webadmin.auth.Principal;
import org.natterjack.webadmin.tls.CertificateInfo;
import org.natterjack.webadmin.tls.KeyMaterial;
import org.natterjack.webadmin.tls.ServedCertificate;

/** The web admin's own HTTPS certificate: shown, and replaced by an upload, audited (never the key). */
public final class CertificateOperations {

    private final ServedCertificate served;
    private final AuditLog audit;

    public CertificateOperations(ServedCertificate served, AuditLog audit) {
        this.served = served;
        this.audit = audit;
    }

    public CertificateInfo current() {
        return served.current();
    }

    /** @throws IllegalArgumentException if the upload is unusable; then nothing is replaced */
    public ServedCertificate.Replaced upload(Principal who, KeyMaterial material) {
        CertificateInfo before = served.current();
        try {
            ServedCertificate.Replaced replaced = served.replace(material);
            audit.record(who.name(), "tls.certificate", "web admin HTTPS", before,
                    Map.of("certificate", replaced.certificate(), "appliesAtRestart", replaced.appliesAtRestart()));
            return replaced;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the certificate: " + e.getMessage(), e);
        }
    }
}
