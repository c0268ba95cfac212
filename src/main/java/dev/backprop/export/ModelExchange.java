package dev.backprop.export;

import dev.backprop.engine.Network;
import dev.backprop.failure.ConflictException;
import dev.backprop.job.TrainingProperties;
import dev.backprop.model.ModelFile;
import dev.backprop.model.ModelInfo;
import dev.backprop.model.ModelRegistry;
import dev.backprop.model.ModelStore;
import dev.backprop.model.StoredModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Models out of the service as files other tools read, and such files back in as models. */
@Service
public class ModelExchange {

    private static final int INPUTS = 784;
    private static final int CLASSES = 10;
    private static final byte[] NATIVE_MAGIC = "BPMF".getBytes(StandardCharsets.US_ASCII);

    private final ModelStore models;
    private final ModelFile modelFile;
    private final JsonMapper json;
    private final Clock clock;
    private final long maxParameters;

    ModelExchange(ModelStore models, JsonMapper json, TrainingProperties limits) {
        this.models = models;
        this.modelFile = new ModelFile(json);
        this.json = json;
        this.clock = Clock.systemUTC();
        // An imported network answers predictions like a trained one, so it is held to the same limit.
        this.maxParameters = limits.maxParameters();
    }

    /** A model as a file: its name, media type and bytes. */
    public record Exported(String filename, String contentType, byte[] bytes) {}

    /** Thrown when a model exists but has no form in the asked-for format; the message says why. */
    public static class NotExportableException extends ConflictException {
        NotExportableException(String message) {
            super(message);
        }
    }

    public Optional<Exported> export(String id, ExportFormat format) throws NotExportableException {
        Optional<StoredModel> found = models.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredModel model = found.get();
        Network network = model.network();
        byte[] bytes = switch (format) {
            case ONNX -> OnnxExport.write(network, graphName(model.info()), describe(model.info()));
            case NETWORK2 -> {
                String reason = Network2Json.unsupported(network.architecture());
                if (reason != null) {
                    throw new NotExportableException(reason + "; export it as onnx or backprop instead");
                }
                yield Network2Json.write(json, network, cost(model.info().loss()));
            }
            case BACKPROP -> modelFile.write(model);
        };
        return Optional.of(new Exported(filename(model.info(), format), format.contentType(), bytes));
    }

    /**
     * Stores the model in {@code file} (a network2.py JSON or a Backprop model file) as the next version of
     * {@code name} (when null: the name a native file holds, or the uploaded file's name without its
     * extension) and returns its description.
     */
    public ModelInfo importFile(byte[] file, String filename, String name, String dataset)
            throws InvalidModelFileException {
        return startsWith(file, NATIVE_MAGIC)
                ? importNative(file, name)
                : importNetwork2(file, name != null ? name : stem(filename), dataset);
    }

    /** A file's name without folders or extension, when it can name a model. */
    static String stem(String filename) {
        if (filename == null) {
            return null;
        }
        String base = filename.replaceAll(".*[/\\\\]", "").replaceAll("\\.[^.]*$", "");
        return ModelRegistry.nameProblem(base).isEmpty() ? base : null;
    }

    private ModelInfo importNative(byte[] file, String name) throws InvalidModelFileException {
        StoredModel read;
        try {
            read = modelFile.read(file);
        } catch (IOException e) {
            throw new InvalidModelFileException("not a readable Backprop model file: " + e.getMessage());
        }
        if (read.network().parameterCount() > maxParameters) {
            throw new InvalidModelFileException("the model has "
                    + read.network().parameterCount() + " parameters, more than the limit of " + maxParameters);
        }
        ModelInfo was = read.info();
        // The file's metadata is advisory: its name must pass the registry's rules like any other, and
        // its job is not this service's (a file naming a running job must not become that job's result).
        String chosen = name != null ? name : was.name();
        if (name == null && chosen != null) {
            ModelRegistry.nameProblem(chosen).ifPresent(problem -> {
                throw new InvalidModelFileException.BadName(
                        "the name the file holds " + problem + "; give the model a name of its own in 'name'");
            });
        }
        ModelInfo info = new ModelInfo(
                UUID.randomUUID().toString(),
                chosen,
                null,
                was.dataset(),
                clock.instant(),
                was.layers(),
                was.hiddenActivation(),
                was.outputActivation(),
                was.loss(),
                was.batchNorm(),
                was.parameterCount(),
                was.request(),
                was.metrics(),
                was.epochsTrained(),
                was.keptEpoch(),
                ModelFile.VERSION);
        return models.save(new StoredModel(info, read.network())).info();
    }

    private ModelInfo importNetwork2(byte[] file, String name, String dataset) throws InvalidModelFileException {
        if (!looksLikeJson(file)) {
            throw new InvalidModelFileException(
                    "the file is neither network2.py's JSON nor a Backprop model file (which starts with BPMF)");
        }
        Network2Json.Read read =
                Network2Reader.read(json, new ByteArrayInputStream(file), INPUTS, CLASSES, maxParameters);
        Network network = read.network();
        ModelInfo info = new ModelInfo(
                UUID.randomUUID().toString(),
                name,
                null,
                dataset,
                clock.instant(),
                network.architecture().sizes(),
                "sigmoid",
                "sigmoid",
                read.cost().equals(Network2Json.CROSS_ENTROPY) ? "cross_entropy" : "quadratic",
                false,
                network.parameterCount(),
                null,
                null,
                0,
                0,
                ModelFile.VERSION);
        return models.save(new StoredModel(info, network)).info();
    }

    private static String cost(String loss) {
        return "cross_entropy".equals(loss) ? Network2Json.CROSS_ENTROPY : Network2Json.QUADRATIC;
    }

    private static String graphName(ModelInfo info) {
        return info.name() != null && !info.name().isBlank() ? info.name() : info.id();
    }

    private static String describe(ModelInfo info) {
        return "Backprop model " + info.id() + " " + info.layers() + ", " + info.hiddenActivation() + " hidden, "
                + info.outputActivation() + " output; input pixels 0-255, output probabilities and label";
    }

    /** A file name from the model's name, kept to characters every file system takes. */
    static String filename(ModelInfo info, ExportFormat format) {
        String base = info.name() == null ? "" : info.name().replaceAll("[^A-Za-z0-9._-]+", "-");
        base = base.replaceAll("^[-.]+|-+$", "");
        if (base.isEmpty() || base.length() > 80) {
            base = info.id();
        }
        return base + format.extension();
    }

    private static boolean startsWith(byte[] file, byte[] prefix) {
        if (file.length < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (file[k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeJson(byte[] file) {
        for (byte b : file) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }
}
