/**
 * The answers a refused request gets: RFC 9457 problems with Backprop's {@code type} URIs
 * ({@link dev.backprop.problem.Problems}), and the one writer for the places outside Spring MVC's
 * converters ({@link dev.backprop.problem.ProblemWriter}). Shared by the API's exception handling and the
 * servlet filters, which otherwise know nothing of each other.
 */
package dev.backprop.problem;
