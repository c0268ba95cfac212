package dev.backprop.sweep;

import dev.backprop.api.UnknownFields;
import dev.backprop.failure.InvalidFieldsException;
import dev.backprop.failure.InvalidFieldsException.FieldProblem;
import dev.backprop.job.JobService;
import dev.backprop.job.TrainingRequest;
import dev.backprop.job.TrainingRequestCheck;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a sweep request into a {@link SweepPlan}, or refuses it with every bad field named: unknown
 * or malformed parameters, empty or inverted ranges, a grid larger than the budget, a budget above
 * {@code backprop.sweeps.max-trials}, and any trial value a training job would refuse.
 */
@Component
class SweepPlanner {

    private static final Set<String> STRATEGIES = Set.of("grid", "random", "tpe");

    private final TrainingRequestCheck check;
    private final JsonMapper json;
    private final SweepProperties limits;
    private final SecureRandom seeds = new SecureRandom();

    SweepPlanner(TrainingRequestCheck check, JsonMapper json, SweepProperties limits) {
        this.check = check;
        this.json = json;
        this.limits = limits;
    }

    SweepPlan plan(SweepRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Domain> domains = SweepFields.domains(request.parameters(), problems);
        String strategy = request.strategy() == null ? "random" : request.strategy();
        if (strategy.equals("bayesian")) {
            problems.add(new FieldProblem("strategy", "the model-based strategy here is tpe; use \"tpe\""));
        } else if (!STRATEGIES.contains(strategy)) {
            problems.add(new FieldProblem("strategy", "must be grid, random or tpe, not '" + strategy + "'"));
        }
        int trials = request.trials() == null ? 10 : request.trials();
        if (trials < 1 || trials > limits.maxTrials()) {
            problems.add(new FieldProblem(
                    "trials", "must be between 1 and " + limits.maxTrials() + " (backprop.sweeps.max-trials)"));
        }
        int parallel = request.parallel() == null ? 1 : request.parallel();
        if (parallel < 1 || parallel > trials) {
            problems.add(new FieldProblem("parallel", "must be between 1 and trials (" + trials + ")"));
        }
        if (strategy.equals("grid") && problems.isEmpty()) {
            long size = new SearchSpace(domains).gridSize();
            if (size < 0) {
                problems.add(new FieldProblem(
                        "strategy", "grid needs choice or intUniform parameters; uniform and logUniform have no grid"));
            } else if (size > trials) {
                problems.add(new FieldProblem(
                        "trials", "the grid has " + size + " points, more than the " + trials + " trials allowed"));
            }
        }
        Objective objective = SweepFields.objective(request.objective(), problems);
        SweepRequest.EarlyStoppingSpec stopping = SweepFields.stopping(request.earlyStopping(), problems);
        Map<String, Object> base = SweepFields.base(request.base(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidFieldsException(problems);
        }
        SweepRequest resolved = new SweepRequest(
                request.name(),
                base,
                request.parameters(),
                strategy,
                trials,
                parallel,
                new SweepRequest.ObjectiveSpec(
                        objective.metric().id(), objective.goal().id()),
                stopping,
                request.seed() != null ? request.seed() : seeds.nextLong(JobService.SEED_BOUND));
        int epochs = checkTrials(resolved, domains, problems);
        if (!problems.isEmpty()) {
            throw new InvalidFieldsException(problems);
        }
        return new SweepPlan(resolved, new SearchSpace(domains), objective, epochs, json);
    }

    /** The plan of a sweep planned and checked before (its request resolved), to take it over. */
    SweepPlan replan(SweepRequest resolved) {
        List<FieldProblem> ignored = new ArrayList<>();
        Map<String, Domain> domains = SweepFields.domains(resolved.parameters(), ignored);
        Objective objective = SweepFields.objective(resolved.objective(), ignored);
        TrainingRequest sample = json.convertValue(resolved.base(), TrainingRequest.class);
        return new SweepPlan(
                resolved,
                new SearchSpace(domains),
                objective,
                sample.withDefaults(0).epochs(),
                json);
    }

    /**
     * Checks the base with every choice and both ends of every range as a job would, and answers the
     * epochs each trial trains.
     */
    private int checkTrials(SweepRequest request, Map<String, Domain> domains, List<FieldProblem> problems) {
        Map<String, Object> first = new LinkedHashMap<>();
        domains.forEach(
                (name, domain) -> first.put(name, DomainSpec.values(domain).get(0)));
        int epochs = 30;
        TrainingRequest sample = convert(request.base(), first, "base", problems);
        if (sample != null) {
            problems.addAll(check.problems(sample, "base."));
            epochs = sample.withDefaults(0).epochs();
            if (sample.withDefaults(0).validationSize() == 0) {
                problems.add(
                        new FieldProblem("base.validationSize", "must be above 0: the objective is measured on it"));
            }
        }
        domains.forEach((name, domain) -> {
            List<Object> values = DomainSpec.values(domain);
            for (int k = 0; k < values.size(); k++) {
                Map<String, Object> one = new LinkedHashMap<>(first);
                one.put(name, values.get(k));
                String field = "parameters." + name + (domain instanceof Domain.Choice ? ".choice[" + k + "]" : "");
                TrainingRequest trial = convert(request.base(), one, field, problems);
                String checked = name.contains("[") ? name.substring(0, name.indexOf('[')) : name;
                if (trial != null) {
                    check.problems(trial, "").stream()
                            .filter(p -> p.field().startsWith(checked))
                            .forEach(p -> problems.add(new FieldProblem(field, p.message())));
                }
            }
        });
        return epochs;
    }

    private TrainingRequest convert(
            Map<String, Object> base, Map<String, Object> values, String field, List<FieldProblem> problems) {
        Map<String, Object> fields = SweepPlan.merge(base, values);
        try {
            return json.convertValue(fields, TrainingRequest.class);
        } catch (tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            problems.add(new FieldProblem(
                    field + "." + unknown.getPropertyName(),
                    "is not a field of a training request" + UnknownFields.suggestion(unknown)));
            return null;
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            problems.add(new FieldProblem(field, "does not make a training request: " + e.getMessage()));
            return null;
        }
    }
}
