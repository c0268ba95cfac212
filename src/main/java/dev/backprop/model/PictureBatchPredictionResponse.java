package dev.backprop.model;

import java.util.List;

/** Answers in the order of the request's {@code file} parts. */
public record PictureBatchPredictionResponse(List<PicturePredictionResponse> predictions) {}
