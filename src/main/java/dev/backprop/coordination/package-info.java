/**
 * What sweeps and learning curves share: their records in a table every replica reads, the lease by
 * which one replica at a time coordinates each, the loop that steps them, and their event streams.
 */
package dev.backprop.coordination;
