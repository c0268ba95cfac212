-- Which arithmetic trained each job: vector or plain loops, native BLAS or not, threads.
ALTER TABLE jobs ADD COLUMN kernels VARCHAR(200);
