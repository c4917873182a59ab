package org.natterjack.admin;

import java.util.List;

/** What became of a settings change: applied, or refused with nothing saved. */
public sealed interface SettingsChange {

    record Applied(SettingsView before, SettingsView after) implements SettingsChange {
    }

    record Refused(List<FieldError> errors) implements SettingsChange {
        public Refused {
            errors = List.copyOf(errors);
        }
    }
}
