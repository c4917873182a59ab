package org.natterjack.network.api;

import java.util.List;

/** The settings were refused; nothing was written. {@link #errors()} names every refused field. */
public final class NetworkInvalid extends Exception {

    private final transient List<FieldError> errors;

    public NetworkInvalid(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid" : errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
