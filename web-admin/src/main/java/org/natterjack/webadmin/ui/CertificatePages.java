package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.CertificateOperations;
import org.natterjack.webadmin.auth.Role;
import org.natterjack.webadmin.tls.KeyMaterial;
import org.natterjack.webadmin.tls.ServedCertificate;

/** The web admin's HTTPS certificate ({@code /certificate}): what is served, and the upload form. */
final class CertificatePages {

    /** Far above any certificate chain or key file; keeps a wrong file from filling memory. */
    private static final int MAX_FILE_BYTES = 256 * 1024;

    private final View view;
    private final CertificateOperations certificates;

    CertificatePages(View view, CertificateOperations certificates) {
        this.view = view;
        this.certificates = certificates;
    }

    void register(Javalin app) {
        app.get("/certificate", ctx -> page(ctx), Role.ADMIN);
        app.post("/certificate", this::upload, Role.ADMIN);
    }

    private void page(Context ctx, Object... extra) {
        view.page(ctx, "certificate", View.plus(new Object[] {"certificate", certificates.current()}, extra));
    }

    private void upload(Context ctx) {
        try {
            UploadedFile pkcs12 = ctx.uploadedFile("pkcs12");
            KeyMaterial material = pkcs12 != null && pkcs12.size() > 0
                    ? KeyMaterial.fromPkcs12(bytes(pkcs12, "pkcs12"), ctx.formParam("password"))
                    : KeyMaterial.fromPem(text(ctx, "certificate"), text(ctx, "privateKey"));
            ServedCertificate.Replaced replaced = certificates.upload(AccessControl.principal(ctx), material);
            page(ctx, "outcome", replaced.appliesAtRestart()
                    ? "Certificate stored; it applies when the gateway restarts."
                    : "Certificate replaced: new connections get it now (reload the page to see it in your browser).");
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            page(ctx, "error", e.getMessage());
        }
    }

    private static String text(Context ctx, String field) {
        UploadedFile file = ctx.uploadedFile(field);
        if (file == null || file.size() == 0) {
            throw new InvalidFieldException(field, field + ": choose the PEM file, or a PKCS#12 file instead");
        }
        return new String(bytes(file, field), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(UploadedFile file, String field) {
        if (file.size() > MAX_FILE_BYTES) {
            throw new InvalidFieldException(field, field + ": " + file.size() + " bytes is too large for a key or"
                    + " certificate file");
        }
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
