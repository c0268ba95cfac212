package dev.backprop.dataset;

import java.util.List;

/** Who still needs a dataset: a dataset that a queued or running job will read must not be deleted. */
public interface DatasetUsage {

    /** Ids of the queued and running jobs that train on {@code dataset}. */
    List<String> unfinishedJobsUsing(String dataset);
}
