package dev.backprop.sweep;

/**
 * Decides, as each trial finishes an epoch, whether it goes on. Scores are the objective turned so
 * that higher is better. Implementations are called from one thread at a time.
 */
public interface EarlyStopping {

    /** What becomes of trial {@code trial} after epoch {@code epoch} scored {@code score}. */
    Decision report(int trial, int epoch, double score);

    /** Go on, or stop at {@code epoch} for {@code reason}. */
    record Decision(boolean stop, int epoch, String reason) {
        static final Decision GO_ON = new Decision(false, 0, null);
    }

    /** Every trial trains all its epochs. */
    EarlyStopping NONE = (trial, epoch, score) -> Decision.GO_ON;
}
