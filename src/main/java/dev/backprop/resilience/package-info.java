/**
 * Keeping the service's promises while a store (the record database, the bucket) is briefly away: telling
 * an outage from a failure retrying cannot mend, retrying what must not be lost, loops that outlive a
 * failing round, a database pool of the service's own threads beside the requests', and readiness.
 */
package dev.backprop.resilience;
