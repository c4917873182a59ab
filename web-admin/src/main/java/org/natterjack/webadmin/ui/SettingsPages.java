package org.natterjack.webadmin.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.natterjack.admin.AdminApi;
import org.natterjack.admin.FieldError;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.admin.SettingValue;
import org.natterjack.admin.SettingsChange;
import org.natterjack.admin.SettingsView;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.SettingsOperations;
import org.natterjack.webadmin.auth.Role;

/** The settings page: one form per section, NAT and relay first; only changed fields are sent. */
final class SettingsPages {

    private static final List<String> ORDER = List.of("nat", "relay", "registrar", "proxy", "auth", "dns", "sip");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A section with its rows, as the template shows it. */
    record Section(String name, List<SettingRow> rows, String error) {
    }

    private final View view;
    private final AdminApi admin;
    private final SettingsOperations operations;

    SettingsPages(View view, AdminApi admin, SettingsOperations operations) {
        this.view = view;
        this.admin = admin;
        this.operations = operations;
    }

    void register(Javalin app) {
        app.get("/settings", ctx -> page(ctx, null, Map.of(), List.of()), Role.MONITOR);
        app.post("/settings/{section}", this::change, Role.ADMIN);
        app.post("/settings/{section}/reset", ctx -> {
            String section = known(ctx);
            done(ctx, section, operations.reset(AccessControl.principal(ctx), section), Map.of());
        }, Role.ADMIN);
    }

    private void change(Context ctx) {
        String section = known(ctx);
        Map<String, String> submitted = new HashMap<>();
        Map<String, Object> changed = new LinkedHashMap<>();
        try {
            for (SettingValue v : admin.settings().section(section).orElseThrow().values()) {
                String text = SettingRow.FLAG.equals(SettingRow.kind(v.value())) ? null : View.field(ctx, v.key());
                submitted.put(v.key(), text);
                Object value = value(v, text, ctx.formParam(v.key()) != null);
                if (!Objects.equals(value, v.value())) {
                    changed.put(v.key(), value);
                }
            }
        } catch (InvalidFieldException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            page(ctx, section, submitted, e.errors().stream()
                    .map(f -> new FieldError(section + "." + f.field(), f.message())).toList());
            return;
        }
        done(ctx, section, changed.isEmpty() ? null : operations.apply(AccessControl.principal(ctx), section, changed),
                submitted);
    }

    private void done(Context ctx, String section, SettingsChange change, Map<String, String> submitted) {
        if (change instanceof SettingsChange.Refused refused) {
            ctx.status(HttpStatus.BAD_REQUEST);
            page(ctx, section, submitted, refused.errors());
        } else {
            ctx.redirect("/settings#" + section, HttpStatus.SEE_OTHER);
        }
    }

    /** The form's value in the API's terms; an empty field drops the override (the file's value applies). */
    private static Object value(SettingValue v, String text, boolean checked) {
        String kind = SettingRow.kind(v.value());
        if (SettingRow.FLAG.equals(kind)) {
            return checked;
        }
        if (text.isEmpty()) {
            return v.value() == null || !v.overridden() ? v.value() : null;
        }
        if (SettingRow.WORDS.equals(kind)) {
            return Arrays.stream(text.split("[,\\s]+")).filter(w -> !w.isEmpty()).toList();
        }
        if (SettingRow.JSON.equals(kind)) {
            try {
                return JSON.readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                throw new InvalidFieldException(v.key(), v.key() + ": not valid JSON: " + e.getOriginalMessage());
            }
        }
        return text.equals(SettingRow.text(v.value())) ? v.value() : text;
    }

    private void page(Context ctx, String failed, Map<String, String> submitted, List<FieldError> errors) {
        Map<String, String> byField = new HashMap<>();
        errors.forEach(e -> byField.putIfAbsent(e.field(), e.message()));
        List<Section> sections = ORDER.stream().map(name -> admin.settings().section(name).orElseThrow())
                .map(s -> section(s, s.section().equals(failed) ? submitted : Map.of(), byField)).toList();
        // What no field of the page names, e.g. a rule across sections.
        String other = byField.values().stream().findFirst().orElse(null);
        view.page(ctx, "settings", "sections", sections, "error", other);
    }

    private static Section section(SettingsView view, Map<String, String> submitted, Map<String, String> errors) {
        List<SettingRow> rows = view.values().stream().map(v -> SettingRow.of(v, submitted.get(v.key()),
                errors.remove(view.section() + "." + v.key()))).toList();
        return new Section(view.section(), rows, errors.remove(view.section()));
    }

    private String known(Context ctx) {
        String section = ctx.pathParam("section");
        if (admin.settings().section(section).isEmpty()) {
            throw new NotFoundResponse("no settings section " + section);
        }
        return section;
    }
}
