package dev.backprop.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

/**
 * A name or label that both databases store as sent: PostgreSQL refuses U+0000 in text (H2 keeps it,
 * so a name could pass on one and fail at the end of a job on the other) and text that is not valid
 * UTF-16 cannot be written as UTF-8. Control characters have no place in a name either. Every name
 * field is checked here, once, as a request comes in.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = StorableText.Check.class)
public @interface StorableText {

    String message() default "may not contain control characters or unpaired surrogates";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rule, for names that arrive other than in a validated body, and its Bean Validation side. */
    final class Check implements ConstraintValidator<StorableText, String> {

        /** What is wrong with {@code text} as a stored name, if anything; null is fine (other rules require it). */
        public static Optional<String> problem(String text) {
            if (text == null) {
                return Optional.empty();
            }
            for (int k = 0; k < text.length(); k++) {
                char c = text.charAt(k);
                if (Character.isISOControl(c)) {
                    return Optional.of(String.format(
                            "may not contain control characters (U+%04X at index %d)%s",
                            (int) c, k, c == 0 ? ", which PostgreSQL cannot store" : ""));
                }
                if (Character.isHighSurrogate(c)
                        && k + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(k + 1))) {
                    k++;
                } else if (Character.isSurrogate(c)) {
                    return Optional.of("may not contain an unpaired surrogate (at index " + k + "), which is not text");
                }
            }
            return Optional.empty();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            Optional<String> problem = problem(value);
            problem.ifPresent(message -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(
                                message.replace("{", "\\{").replace("$", "\\$"))
                        .addConstraintViolation();
            });
            return problem.isEmpty();
        }
    }
}
