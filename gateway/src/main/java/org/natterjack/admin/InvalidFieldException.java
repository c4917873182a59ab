package org.natterjack.admin;

import java.util.List;
import java.util.function.Supplier;

/**
 * Input the admin API refuses, with the fields it concerns as values, so that a front end shows each message
 * next to its field without reading field names out of the text. An {@link IllegalArgumentException}, as every
 * refusal of the admin API is; its message is the first error's.
 */
public final class InvalidFieldException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidFieldException(List<FieldError> errors) {
        super(errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    /**
     * @param field as the admin API's records name it ({@code username}, {@code maxContacts}, ...)
     * @param message the whole sentence, which names the field too ({@code "username: 1-64 of ..."})
     */
    public InvalidFieldException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    /** Never empty. */
    public List<FieldError> errors() {
        return errors;
    }

    /** What {@code check} returns; its {@link IllegalArgumentException} becomes a refusal of {@code field}. */
    static <T> T checked(String field, Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidFieldException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, e.getMessage());
        }
    }
}
