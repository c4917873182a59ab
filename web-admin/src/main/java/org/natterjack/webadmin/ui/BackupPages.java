package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.BackupOperations;
import org.natterjack.webadmin.auth.Role;

/** The backup page: download the configuration, restore an uploaded one after a confirmation. */
final class BackupPages {

    private final View view;
    private final BackupOperations operations;

    BackupPages(View view, BackupOperations operations) {
        this.view = view;
        this.operations = operations;
    }

    void register(Javalin app) {
        app.get("/backup", ctx -> view.page(ctx, "backup"), Role.ADMIN);
        app.post("/backup/restore", this::restore, Role.ADMIN);
    }

    private void restore(Context ctx) throws IOException {
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) {
            refuse(ctx, "Choose a backup file to restore.");
        } else if (ctx.formParam("confirm") == null) {
            refuse(ctx, "Tick the confirmation: a restore replaces the whole configuration.");
        } else {
            byte[] document;
            try (InputStream in = file.content()) {
                document = in.readAllBytes();
            }
            try {
                view.page(ctx, "backup", "restored", operations.restore(AccessControl.principal(ctx), document));
            } catch (IllegalArgumentException e) {
                refuse(ctx, e.getMessage());
            }
        }
    }

    private void refuse(Context ctx, String why) {
        ctx.status(HttpStatus.BAD_REQUEST);
        view.page(ctx, "backup", "error", why);
    }
}
