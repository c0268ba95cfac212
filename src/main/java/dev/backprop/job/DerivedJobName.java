package dev.backprop.job;

/**
 * The name of a job that a sweep or a learning curve submits: the sweep's or curve's label, then what
 * sets this job apart (" · trial 3"). The label is cut short, with "…", so that the whole fits the 200
 * characters a job's name may have: a sweep named with all 200 otherwise gave every trial a name too
 * long to store, and every trial failed.
 */
public final class DerivedJobName {

    /** The longest name a job may have. */
    public static final int MAX = TrainingRequest.MAX_NAME;

    private DerivedJobName() {}

    public static String of(String label, String suffix) {
        if (label.length() + suffix.length() <= MAX) {
            return label + suffix;
        }
        int end = Math.max(0, MAX - suffix.length() - 1);
        if (end > 0 && Character.isHighSurrogate(label.charAt(end - 1))) {
            end--; // never half of a character outside the BMP: the name must stay storable text
        }
        return label.substring(0, end) + "…" + suffix;
    }
}
