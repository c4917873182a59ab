package org.natterjack.network.api;

/**
 * One refused field of a {@link NetworkConfig}.
 *
 * @param field the record component ({@code address}, {@code dns}, ...)
 * @param message starts with the field ("gateway: 192.0.2.1 is not in 10.0.0.0/24"), as the web admin's other
 *     validation messages do
 */
public record FieldError(String field, String message) {
}
