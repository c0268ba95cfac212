package dev.backprop.dataset;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A dataset Backprop knows by name: four IDX files in a folder of its own, and where to fetch them.
 *
 * @param id           the name jobs use
 * @param description  for people
 * @param trainingSize published number of training images
 * @param testSize     published number of test images
 * @param classNames   what each label means, label 0 first
 * @param mirrors      base URLs that serve every file of {@code files}, tried in order
 * @param files        the four files with their published sizes and SHA-256 digests
 */
public record BuiltInDataset(
        String id,
        String description,
        int trainingSize,
        int testSize,
        List<String> classNames,
        List<URI> mirrors,
        List<RemoteFile> files) {

    /** The four standard file names, each found raw or with {@code .gz}. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";

    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    // Sizes and digests as TensorFlow Datasets records them (url_checksums/mnist.txt); the files are the
    // originals, byte for byte, that PyTorch's mirror serves too.
    public static final BuiltInDataset MNIST = new BuiltInDataset(
            "mnist",
            "Handwritten digits 0–9 (LeCun, Cortes and Burges)",
            60_000,
            10_000,
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            List.of(
                    URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
            List.of(
                    new RemoteFile(
                            "train-images-idx3-ubyte.gz",
                            9_912_422,
                            "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                    new RemoteFile(
                            "train-labels-idx1-ubyte.gz",
                            28_881,
                            "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                    new RemoteFile(
                            "t10k-images-idx3-ubyte.gz",
                            1_648_877,
                            "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                    new RemoteFile(
                            "t10k-labels-idx1-ubyte.gz",
                            4_542,
                            "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")));

    // Zalando's own bucket and the files in its GitHub repository; digests as TensorFlow Datasets
    // records them (url_checksums/fashion_mnist.txt).
    public static final BuiltInDataset FASHION_MNIST = new BuiltInDataset(
            "fashion-mnist",
            "Zalando's article images in 10 classes, T-shirt to ankle boot (Xiao, Rasul and Vollgraf)",
            60_000,
            10_000,
            List.of(
                    "T-shirt/top",
                    "Trouser",
                    "Pullover",
                    "Dress",
                    "Coat",
                    "Sandal",
                    "Shirt",
                    "Sneaker",
                    "Bag",
                    "Ankle boot"),
            List.of(
                    URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
                    URI.create("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/")),
            List.of(
                    new RemoteFile(
                            "train-images-idx3-ubyte.gz",
                            26_421_880,
                            "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
                    new RemoteFile(
                            "train-labels-idx1-ubyte.gz",
                            29_515,
                            "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
                    new RemoteFile(
                            "t10k-images-idx3-ubyte.gz",
                            4_422_102,
                            "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
                    new RemoteFile(
                            "t10k-labels-idx1-ubyte.gz",
                            5_148,
                            "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5")));

    public static final List<BuiltInDataset> ALL = List.of(MNIST, FASHION_MNIST);

    public BuiltInDataset {
        classNames = List.copyOf(classNames);
        mirrors = List.copyOf(mirrors);
        files = List.copyOf(files);
    }

    public static Optional<BuiltInDataset> byId(String id) {
        return ALL.stream().filter(dataset -> dataset.id.equals(id)).findFirst();
    }

    /** The published files that hold the named IDX files. */
    public List<RemoteFile> filesFor(List<String> idxNames) {
        return files.stream().filter(file -> idxNames.contains(file.idxName())).toList();
    }

    /** The same dataset fetched from other mirrors. */
    public BuiltInDataset withMirrors(List<URI> otherMirrors) {
        return new BuiltInDataset(id, description, trainingSize, testSize, classNames, otherMirrors, files);
    }
}
