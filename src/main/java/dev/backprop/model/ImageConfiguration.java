package dev.backprop.model;

import dev.backprop.image.MnistPreprocessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The picture-to-MNIST conversion, with its configured limits. */
@Configuration(proxyBeanMethods = false)
class ImageConfiguration {

    @Bean
    MnistPreprocessor mnistPreprocessor(ImageProperties images) {
        return new MnistPreprocessor(images.maxPixels());
    }
}
