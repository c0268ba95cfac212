package dev.backprop.engine;

/** The loss became NaN or infinite: the weights are lost and the run cannot go on. */
public final class TrainingDivergedException extends RuntimeException {

    private final int epoch;

    TrainingDivergedException(int epoch, double loss) {
        super("diverged at epoch " + epoch + ": the training loss became " + loss
                + "; lower the learning rate (or use a smaller initialisation)");
        this.epoch = epoch;
    }

    public int epoch() {
        return epoch;
    }
}
