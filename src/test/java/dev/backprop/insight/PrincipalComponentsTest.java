package dev.backprop.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The projection recovers the principal axes of a synthetic cloud whose axes are known. */
class PrincipalComponentsTest {

    @Test
    void recoversTheAxesOfAnElongatedCloud() {
        // Points along (1, 1, 0)/√2 with standard deviation 10, along (1, −1, 0)/√2 with 3, along z with
        // 0.5, around the centre (5, −2, 7): the axes come back in that order, and the variances they
        // explain in proportion 100 : 9 : 0.25.
        Random random = new Random(11);
        int count = 4000;
        float[] points = new float[count * 3];
        double r = Math.sqrt(0.5);
        for (int i = 0; i < count; i++) {
            double a = 10 * random.nextGaussian();
            double b = 3 * random.nextGaussian();
            double c = 0.5 * random.nextGaussian();
            points[i * 3] = (float) (5 + r * a + r * b);
            points[i * 3 + 1] = (float) (-2 + r * a - r * b);
            points[i * 3 + 2] = (float) (7 + c);
        }

        PrincipalComponents pca = PrincipalComponents.of(points, count, 3);

        assertThat(pca.axes()[0]).containsExactly(new double[] {r, r, 0}, within(0.01));
        // Signed so that its largest entry is positive: (−1, 1, 0)/√2 and (1, −1, 0)/√2 tie on size, so
        // compare the direction up to sign.
        assertThat(Math.abs(pca.axes()[1][0])).isCloseTo(r, within(0.01));
        assertThat(pca.axes()[1][0]).isCloseTo(-pca.axes()[1][1], within(0.01));
        assertThat(pca.axes()[1][2]).isCloseTo(0, within(0.01));
        double total = 100 + 9 + 0.25;
        assertThat(pca.explainedVariance()[0]).isCloseTo(100 / total, within(0.01));
        assertThat(pca.explainedVariance()[1]).isCloseTo(9 / total, within(0.01));

        // The coordinates are the centred points along the axes: a point's x is its a, up to noise.
        double sumX = 0;
        double sumXX = 0;
        for (double x : pca.x()) {
            sumX += x;
            sumXX += x * x;
        }
        assertThat(sumX / count).isCloseTo(0, within(1e-6));
        assertThat(Math.sqrt(sumXX / count)).isCloseTo(10, within(0.4));
    }

    @Test
    void theSamePointsGiveTheSamePicture() {
        float[] points = {1, 2, 3, 4, 5, 7, 2, 2, 9, 0, 1, 1};
        PrincipalComponents first = PrincipalComponents.of(points, 4, 3);
        PrincipalComponents again = PrincipalComponents.of(points.clone(), 4, 3);
        assertThat(again.x()).containsExactly(first.x());
        assertThat(again.y()).containsExactly(first.y());
    }
}
