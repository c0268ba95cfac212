package dev.backprop.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body whose unknown JSON fields are a 400 naming them, not silently dropped: a mistyped
 * {@code learningrate} would otherwise train with the default. (Boot turns off Jackson's
 * FAIL_ON_UNKNOWN_PROPERTIES for every type; {@link UnknownFields} turns it back on for these.)
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RefusesUnknownFields {}
