package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.List;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.BackupOperations;
import org.natterjack.webadmin.auth.Role;

/** The whole configuration as one JSON document: download and restore, admins only. */
final class BackupEndpoints {

    private final BackupOperations operations;

    BackupEndpoints(BackupOperations operations) {
        this.operations = operations;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.of(GET, "/api/v1/backup", Role.ADMIN, this::download),
                ApiRoute.of(POST, "/api/v1/backup/restore", Role.ADMIN,
                        ctx -> ctx.json(operations.restore(AccessControl.principal(ctx), ctx.bodyAsBytes()))));
    }

    /** The document as a file to save (the backup page links here). */
    private void download(Context ctx) {
        byte[] document = operations.download(AccessControl.principal(ctx));
        ctx.header("Content-Disposition", "attachment; filename=\"natterjack-backup-" + LocalDate.now() + ".json\"");
        ctx.contentType("application/json").result(document);
    }
}
