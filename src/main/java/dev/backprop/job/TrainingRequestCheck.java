package dev.backprop.job;

import dev.backprop.failure.InvalidFieldsException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.SmartValidator;

/**
 * Checks a training request built elsewhere than from a request body (a sweep's trials) by every rule
 * {@code POST /api/v1/jobs} applies: Bean Validation's annotations and {@link TrainingRequestValidator}.
 */
@Component
public class TrainingRequestCheck {

    private final SmartValidator annotations;
    private final TrainingRequestValidator rules;

    TrainingRequestCheck(SmartValidator annotations, TrainingRequestValidator rules) {
        this.annotations = annotations;
        this.rules = rules;
    }

    /** What is wrong with {@code request}, each problem's field prefixed with {@code prefix}; empty if nothing. */
    public List<FieldProblem> problems(TrainingRequest request, String prefix) {
        Errors errors = new BeanPropertyBindingResult(request, "trainingRequest");
        annotations.validate(request, errors);
        rules.validate(request, errors);
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : errors.getFieldErrors()) {
            problems.add(new FieldProblem(prefix + error.getField(), error.getDefaultMessage()));
        }
        errors.getGlobalErrors().forEach(error -> problems.add(new FieldProblem(prefix, error.getDefaultMessage())));
        return problems;
    }
}
