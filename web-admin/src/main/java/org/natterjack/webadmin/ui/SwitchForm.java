package org.natterjack.webadmin.ui;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.natterjack.plugin.SwitchState;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.SwitchOperations;

/** The on/off form of a plug-in's switch ({@code enabled=true|false}) and what the page says after it. */
final class SwitchForm {

    /** What the page shows: {@code outcome} after a switching, {@code switchError} for a bad form. */
    record Result(String key, String text) {
    }

    private SwitchForm() {
    }

    /**
     * Switches as the form says, or answers 400 for a form that says neither.
     *
     * @param label what is switched, e.g. {@code The PSTN adapter}
     * @param whileOff what being off means, e.g. {@code trunk routes are answered 503}
     */
    static Result submit(Context ctx, SwitchOperations switched, String label, String whileOff) {
        String enabled = View.field(ctx, "enabled");
        if (!enabled.equals("true") && !enabled.equals("false")) {
            ctx.status(HttpStatus.BAD_REQUEST);
            return new Result("switchError", "enabled must be true or false");
        }
        SwitchState state = switched.switchTo(AccessControl.principal(ctx), Boolean.parseBoolean(enabled));
        return new Result("outcome", !state.enabled() ? label + " is switched off: " + whileOff + "."
                : state.running() ? label + " is switched on."
                : label + " is switched on, but did not start: " + state.problem());
    }

}
