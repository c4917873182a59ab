package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PUT;

import io.javalin.http.Context;
import java.util.Base64;
import java.util.List;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.CertificateOperations;
import org.natterjack.webadmin.auth.Role;
import org.natterjack.webadmin.tls.KeyMaterial;

/** The web admin's HTTPS certificate: admins see and replace it. */
final class CertificateEndpoints {

    private final CertificateOperations certificates;

    CertificateEndpoints(CertificateOperations certificates) {
        this.certificates = certificates;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.of(GET, "/api/v1/tls/certificate", Role.ADMIN, ctx -> ctx.json(certificates.current())),
                ApiRoute.of(PUT, "/api/v1/tls/certificate", Role.ADMIN, this::upload));
    }

    private void upload(Context ctx) {
        Requests.CertificateUpload body = ctx.bodyAsClass(Requests.CertificateUpload.class);
        KeyMaterial material;
        if (body.pkcs12() != null) {
            byte[] file;
            try {
                file = Base64.getMimeDecoder().decode(body.pkcs12());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pkcs12: not base64 (" + e.getMessage() + ")");
            }
            material = KeyMaterial.fromPkcs12(file, body.password());
        } else {
            material = KeyMaterial.fromPem(body.certificate(), body.privateKey());
        }
        ctx.json(certificates.upload(AccessControl.principal(ctx), material));
    }
}
