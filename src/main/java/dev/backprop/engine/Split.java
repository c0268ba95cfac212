package dev.backprop.engine;

import java.util.Arrays;
import java.util.Random;

/** Which training examples train and which validate. */
record Split(int[] train, int[] validation) {

    static Split of(int available, int trainLimit, int validationSize, Random random) {
        int used = trainLimit > 0 ? Math.min(trainLimit, available) : available;
        if (validationSize >= used) {
            throw new IllegalArgumentException(
                    "validationSize " + validationSize + " leaves no training examples out of " + used);
        }
        int[] order = all(used);
        if (validationSize == 0) {
            return new Split(order, new int[0]);
        }
        shuffle(order, random);
        int[] validation = Arrays.copyOfRange(order, 0, validationSize);
        int[] train = Arrays.copyOfRange(order, validationSize, used);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new Split(train, validation);
    }

    static int[] all(int count) {
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
            all[i] = i;
        }
        return all;
    }

    /** Fisher–Yates, so that the order depends only on the seed. */
    static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
