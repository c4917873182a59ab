package org.natterjack.admin;

/**
 * A refused value.
 *
 * @param field {@code section.key} as in the configuration file, or the section alone
 */
public record FieldError(String field, String message) {
}
