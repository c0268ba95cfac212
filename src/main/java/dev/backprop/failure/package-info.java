/**
 * What can go wrong for a request, said in the domain's words and knowing nothing of HTTP: bad fields,
 * something not found, a clash with the current state, a full service, a body too large or too slow.
 * Features throw these; the web layer alone decides which answer each becomes.
 */
package dev.backprop.failure;
