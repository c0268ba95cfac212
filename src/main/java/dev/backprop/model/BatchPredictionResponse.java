package dev.backprop.model;

import java.util.List;

/** Answers in the order of the request's images. */
public record BatchPredictionResponse(List<PredictionResponse> predictions) {}
