package dev.backprop.job;

import dev.backprop.api.RefusesUnknownFields;
import dev.backprop.api.StorableText;
import dev.backprop.engine.Architecture;
import dev.backprop.engine.DiagnosticsSettings;
import dev.backprop.engine.Optimizer;
import dev.backprop.engine.TrainingConfig;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A training job's hyperparameters. Absent fields take the seed network's values; the job shows the
 * request with every default filled in (including the seed it drew), so that it can be replayed.
 */
@RefusesUnknownFields
@Schema(
        description =
                "What to train and how. Only `layers` is required; the rest default to the seed network's settings.",
        example = """
                {"name": "seed network", "dataset": "mnist", "layers": [784, 30, 10],
                 "hiddenActivation": "sigmoid", "outputActivation": "sigmoid", "loss": "quadratic",
                 "optimizer": "sgd", "learningRate": 3.0, "epochs": 30, "batchSize": 10, "seed": 1}""")
public record TrainingRequest(
        @Schema(description = "A label for people", example = "seed network")
        @Size(max = TrainingRequest.MAX_NAME)
        @StorableText
        String name,

        @Schema(
                description = "The registry name of the model the job makes; each new model of a name is its next "
                        + "version. Defaults to `name`.",
                example = "digits")
        @Size(max = 200)
        @StorableText
        String modelName,

        @Schema(description = "`mnist`, `fashion-mnist`, or an uploaded dataset's id", defaultValue = "mnist")
        @Size(max = 100)
        @StorableText
        String dataset,

        @Schema(
                description = "Input size (784), hidden layer sizes, number of classes (10)",
                example = "[784, 30, 10]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotEmpty
        @Size(
                min = 2,
                max = 16,
                message = "needs an input size, optional hidden sizes and an output size (2 to 16 sizes)")
        List<@NotNull @Positive Integer> layers,

        @Schema(defaultValue = "sigmoid") HiddenActivation hiddenActivation,
        @Schema(defaultValue = "sigmoid") OutputActivation outputActivation,
        @Schema(defaultValue = "quadratic") LossFunction loss,
        @Schema(defaultValue = "sgd") OptimizerType optimizer,

        @Schema(description = "η, > 0", defaultValue = "3.0", maximum = "1000") @Positive @DecimalMax("1000")
        Double learningRate,

        @Schema(description = "μ of momentum", defaultValue = "0.9")
        @DecimalMin("0")
        @DecimalMax(value = "1", inclusive = false)
        Double momentum,

        @Schema(description = "ρ, RMSprop's decay", defaultValue = "0.9")
        @DecimalMin("0")
        @DecimalMax(value = "1", inclusive = false)
        Double rho,

        @Schema(description = "Adam's β₁", defaultValue = "0.9")
        @DecimalMin("0")
        @DecimalMax(value = "1", inclusive = false)
        Double beta1,

        @Schema(description = "Adam's β₂", defaultValue = "0.999")
        @DecimalMin("0")
        @DecimalMax(value = "1", inclusive = false)
        Double beta2,

        @Schema(description = "ε of RMSprop and Adam", defaultValue = "1e-8") @Positive @DecimalMax("1")
        Double epsilon,

        @Schema(defaultValue = "30") @Positive Integer epochs,
        @Schema(defaultValue = "10") @Positive Integer batchSize,

        @Schema(description = "L2 regularisation λ: the cost gains (λ/2n)·Σw²", defaultValue = "0")
        @PositiveOrZero
        @DecimalMax("1000")
        Double l2,

        @Schema(defaultValue = "normal") WeightInit init,

        @Schema(description = "Probability of dropping a hidden unit while training", defaultValue = "0")
        @DecimalMin("0")
        @DecimalMax(value = "1", inclusive = false)
        Double dropout,

        @Schema(description = "Batch normalisation on hidden layers", defaultValue = "false")
        Boolean batchNorm,

        @Schema(description = "Training examples held out (seeded shuffle) for validation metrics", defaultValue = "0")
        @PositiveOrZero
        Integer validationSize,

        @Schema(description = "Train on the first N training examples only; absent means all") @Positive
        Integer trainLimit,

        @Schema(
                description =
                        "Stop after N epochs without a better validation accuracy, keeping the best epoch's weights; needs validationSize")
        @Positive
        Integer earlyStoppingPatience,

        @Schema(
                description =
                        "Seeds every random choice; the same request and seed give the same model. Drawn at random when absent")
        Long seed,

        @Schema(description = "Distortions of the training images, fresh every epoch; absent means none") @Valid
        AugmentationRequest augmentation,

        @Schema(description = "The learning rate by epoch; absent means constant") @Valid
        ScheduleRequest schedule,

        @Schema(
                description = "Measure (validation, test), report and checkpoint every N epochs and after the last;"
                        + " absent means every epoch. For runs of thousands of short epochs, such as a learning"
                        + " curve's smallest sizes")
        @Positive
        Integer measureEvery,

        @Valid DiagnosticsRequest diagnostics) {

    public static final String DEFAULT_DATASET = "mnist";

    /** The longest name a job may have. */
    public static final int MAX_NAME = 200;

    /** The request with every absent field set to its default and the seed to {@code drawnSeed} if absent. */
    public TrainingRequest withDefaults(long drawnSeed) {
        OptimizerType optimizerType = or(optimizer, OptimizerType.SGD);
        return new TrainingRequest(
                name,
                modelName,
                or(dataset, DEFAULT_DATASET),
                layers,
                or(hiddenActivation, HiddenActivation.SIGMOID),
                or(outputActivation, OutputActivation.SIGMOID),
                or(loss, LossFunction.QUADRATIC),
                optimizerType,
                or(learningRate, 3.0),
                optimizerType == OptimizerType.MOMENTUM ? or(momentum, 0.9) : momentum,
                optimizerType == OptimizerType.RMSPROP ? or(rho, 0.9) : rho,
                optimizerType == OptimizerType.ADAM ? or(beta1, 0.9) : beta1,
                optimizerType == OptimizerType.ADAM ? or(beta2, 0.999) : beta2,
                optimizerType == OptimizerType.ADAM || optimizerType == OptimizerType.RMSPROP
                        ? or(epsilon, 1e-8)
                        : epsilon,
                or(epochs, 30),
                or(batchSize, 10),
                or(l2, 0.0),
                or(init, WeightInit.NORMAL),
                or(dropout, 0.0),
                or(batchNorm, false),
                or(validationSize, 0),
                trainLimit,
                earlyStoppingPatience,
                or(seed, drawnSeed),
                augmentation,
                schedule == null ? ScheduleRequest.constant() : schedule.withDefaults(),
                measureEvery,
                diagnostics == null ? DiagnosticsRequest.defaults() : diagnostics.withDefaults());
    }

    /** The registry name of the model this job makes: {@code modelName}, else {@code name}, else none. */
    public String registryName() {
        return modelName != null ? modelName : name;
    }

    /** The network's shape; call on a request with defaults filled in. */
    public Architecture architecture() {
        return new Architecture(layers, hiddenActivation.engine(), outputActivation.engine(), batchNorm);
    }

    /** The engine's configuration; call on a request with defaults filled in. */
    public TrainingConfig toConfig() {
        return TrainingConfig.builder(architecture())
                .initializer(init.engine())
                .loss(loss.engine())
                .optimizer(optimizerRule())
                .epochs(epochs)
                .batchSize(batchSize)
                .l2(l2)
                .dropout(dropout)
                .validationSize(validationSize)
                .trainLimit(trainLimit == null ? 0 : trainLimit)
                .earlyStoppingPatience(earlyStoppingPatience == null ? 0 : earlyStoppingPatience)
                .seed(seed)
                .schedule(schedule == null ? null : schedule.engine())
                .augmentation(augmentation == null ? null : augmentation.engine())
                .measureEvery(measureEvery == null ? 1 : measureEvery)
                .build();
    }

    /** What the job measures of its layers, or null for nothing; absent (older records) means the defaults. */
    public DiagnosticsSettings diagnosticsSettings() {
        return (diagnostics == null ? DiagnosticsRequest.defaults() : diagnostics.withDefaults()).engine();
    }

    private Optimizer optimizerRule() {
        return switch (optimizer) {
            case SGD -> new Optimizer.Sgd(learningRate);
            case MOMENTUM -> new Optimizer.Momentum(learningRate, momentum);
            case RMSPROP -> new Optimizer.RmsProp(learningRate, rho, epsilon);
            case ADAM -> new Optimizer.Adam(learningRate, beta1, beta2, epsilon);
        };
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
