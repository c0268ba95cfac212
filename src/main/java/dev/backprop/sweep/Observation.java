package dev.backprop.sweep;

import java.util.Map;

/**
 * A finished trial as a model-based strategy learns from it: its parameters and its score, the
 * objective turned so that higher is better (a loss to minimise is negated).
 */
public record Observation(Map<String, Object> parameters, double score) {}
