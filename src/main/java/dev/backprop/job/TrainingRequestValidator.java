package dev.backprop.job;

import dev.backprop.dataset.DatasetCatalog;
import dev.backprop.dataset.DatasetInfo;
import dev.backprop.dataset.DatasetUnavailableException;
import dev.backprop.dataset.UnknownDatasetException;
import dev.backprop.model.ModelRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The rules of a training request that single-field annotations cannot say: those that depend on the
 * dataset, on the service's limits, or on several fields at once. Runs beside Bean Validation so that
 * a client learns every bad field in one answer.
 */
@Component
class TrainingRequestValidator implements Validator {

    private final DatasetCatalog datasets;
    private final TrainingProperties limits;

    TrainingRequestValidator(DatasetCatalog datasets, TrainingProperties limits) {
        this.datasets = datasets;
        this.limits = limits;
    }

    @Override
    public boolean supports(Class<?> type) {
        return TrainingRequest.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        TrainingRequest request = ((TrainingRequest) target).withDefaults(0);
        checkNumbersAreFinite(request, errors);
        checkModelName(request, errors);
        DatasetInfo dataset = dataset(request.dataset(), errors);
        checkLayers(request.layers(), dataset, errors);
        if (request.epochs() > limits.maxEpochs()) {
            errors.rejectValue(
                    "epochs", "max", "must be at most " + limits.maxEpochs() + " (backprop.training.max-epochs)");
        }
        if (request.batchSize() > limits.maxBatchSize()) {
            errors.rejectValue(
                    "batchSize",
                    "max",
                    "must be at most " + limits.maxBatchSize() + " (backprop.training.max-batch-size)");
        }
        if (!request.loss().engine().supports(request.outputActivation().engine())) {
            errors.rejectValue(
                    "loss",
                    "incompatible",
                    request.loss().id() + " needs outputActivation softmax or sigmoid, not "
                            + request.outputActivation().id());
        }
        if (request.earlyStoppingPatience() != null && request.validationSize() == 0) {
            errors.rejectValue(
                    "earlyStoppingPatience", "needsValidation", "needs validationSize > 0 to measure improvement");
        }
        checkSchedule(request, errors);
        if (request.augmentation() != null && dataset != null && dataset.height() * dataset.width() != 784) {
            errors.rejectValue(
                    "augmentation",
                    "imageSize",
                    "distorts 28×28 images only, and " + dataset.id() + " has " + dataset.height() + "×"
                            + dataset.width());
        }
        if (dataset != null && dataset.available()) {
            int used = request.trainLimit() == null
                    ? dataset.trainingSize()
                    : Math.min(request.trainLimit(), dataset.trainingSize());
            checkMemory(request, used, dataset.testSize(), errors);
            if (request.validationSize() >= used) {
                errors.rejectValue(
                        "validationSize",
                        "tooLarge",
                        "must leave examples to train on: " + request.validationSize() + " of " + used
                                + " training examples");
            }
        }
    }

    /** Counted before the job is accepted: a job that cannot fit would otherwise die of OutOfMemoryError. */
    private void checkMemory(TrainingRequest request, int examples, int tests, Errors errors) {
        if (!errors.getFieldErrors("layers").isEmpty()
                || !errors.getFieldErrors("batchSize").isEmpty()
                || request.layers() == null
                || request.layers().stream().anyMatch(size -> size == null || size <= 0)) {
            return;
        }
        TrainingMemory memory = TrainingMemory.of(request, examples, tests);
        long budget = TrainingMemory.budget(limits.maxConcurrentJobs());
        if (memory.total() > budget) {
            String field = memory.batchBytes() > memory.parameterBytes() ? "batchSize" : "layers";
            errors.rejectValue(field, "memory", "this job " + memory.explain(budget, limits.maxConcurrentJobs()));
        }
    }

    /** The model's registry name, from {@code modelName} or else {@code name}, must be one the registry takes. */
    private static void checkModelName(TrainingRequest request, Errors errors) {
        if (request.registryName() == null) {
            return;
        }
        String field = request.modelName() != null ? "modelName" : "name";
        ModelRegistry.nameProblem(request.registryName())
                .ifPresent(problem -> errors.rejectValue(
                        field,
                        "modelName",
                        field.equals("name")
                                ? "names the job's model when modelName is absent, and a model's name " + problem
                                : problem));
    }

    private DatasetInfo dataset(String name, Errors errors) {
        try {
            datasets.requireAvailable(name);
            return datasets.describe(name);
        } catch (UnknownDatasetException e) {
            errors.rejectValue(
                    "dataset",
                    "unknown",
                    e.asFieldProblem() + "; known datasets: "
                            + String.join(
                                    ", ",
                                    datasets.list().stream()
                                            .map(DatasetInfo::id)
                                            .toList()));
        } catch (DatasetUnavailableException e) {
            errors.rejectValue("dataset", "unavailable", e.getMessage());
        }
        return null;
    }

    private void checkLayers(List<Integer> layers, DatasetInfo dataset, Errors errors) {
        if (layers == null || layers.size() < 2 || layers.stream().anyMatch(size -> size == null || size <= 0)) {
            return; // Bean Validation reports these.
        }
        if (dataset != null) {
            int inputs = dataset.height() * dataset.width();
            if (layers.get(0) != inputs) {
                errors.rejectValue(
                        "layers",
                        "input",
                        "must start with " + inputs + ", the pixels of a " + dataset.height() + "×" + dataset.width()
                                + " image, not " + layers.get(0));
            }
            if (layers.get(layers.size() - 1) != dataset.classes()) {
                errors.rejectValue(
                        "layers",
                        "output",
                        "must end with " + dataset.classes() + ", the number of classes in " + dataset.id() + ", not "
                                + layers.get(layers.size() - 1));
            }
        }
        long parameters = 0;
        for (int l = 0; l + 1 < layers.size(); l++) {
            parameters += (long) layers.get(l) * layers.get(l + 1) + layers.get(l + 1);
        }
        if (parameters > limits.maxParameters()) {
            errors.rejectValue(
                    "layers",
                    "tooLarge",
                    "a network of " + parameters + " parameters is larger than the limit of " + limits.maxParameters()
                            + " (backprop.training.max-parameters)");
        }
    }

    /** A schedule's type decides which of its fields it needs and which it takes at all. */
    private static void checkSchedule(TrainingRequest request, Errors errors) {
        ScheduleRequest schedule = request.schedule();
        if (schedule == null || schedule.type() == null) {
            return; // Bean Validation reports a missing type.
        }
        String type = schedule.type().id();
        Map<String, Boolean> fields = ScheduleRequest.FIELDS.get(schedule.type());
        for (String name : List.of("every", "factor", "minRate", "maxRate", "warmup")) {
            Object value = schedule.value(name);
            if (value == null && Boolean.TRUE.equals(fields.get(name))) {
                errors.rejectValue("schedule." + name, "required", "is needed by a " + type + " schedule");
            } else if (value != null && !fields.containsKey(name)) {
                errors.rejectValue(
                        "schedule." + name,
                        "unused",
                        "is not a field of a " + type + " schedule, which takes "
                                + (fields.isEmpty() ? "none" : String.join(" and ", fields.keySet())));
            }
        }
        Double rate = request.learningRate();
        if (schedule.minRate() != null && rate != null && schedule.minRate() >= rate && fields.containsKey("minRate")) {
            errors.rejectValue(
                    "schedule.minRate", "aboveRate", "must be below learningRate (" + rate + "), where cosine starts");
        }
        if (schedule.maxRate() != null && rate != null && schedule.maxRate() < rate) {
            errors.rejectValue(
                    "schedule.maxRate",
                    "belowRate",
                    "must be at least learningRate (" + rate + "), where one-cycle starts");
        }
    }

    private static void checkNumbersAreFinite(TrainingRequest request, Errors errors) {
        String[] names = {"learningRate", "momentum", "rho", "beta1", "beta2", "epsilon", "l2", "dropout"};
        Double[] values = {
            request.learningRate(),
            request.momentum(),
            request.rho(),
            request.beta1(),
            request.beta2(),
            request.epsilon(),
            request.l2(),
            request.dropout()
        };
        for (int k = 0; k < names.length; k++) {
            if (values[k] != null && !Double.isFinite(values[k]) && !alreadyRejected(errors, names[k])) {
                errors.rejectValue(names[k], "finite", "must be a finite number, not " + values[k]);
            }
        }
    }

    private static boolean alreadyRejected(Errors errors, String field) {
        return errors.getFieldErrors(field).stream().anyMatch(Objects::nonNull);
    }
}
