/**
 * Learning curves: one base training request trained on growing subsets of the training set, each
 * point an ordinary job, read as bias or variance.
 */
package dev.backprop.curve;
