package dev.backprop.bench;

/** The peer's best run of one network, with the BLAS it ran on; refused when that is the reference BLAS. */
record PeerRun(Run run, String blas, int threads) {
    boolean refused() {
        return "reference".equals(blas);
    }
}
