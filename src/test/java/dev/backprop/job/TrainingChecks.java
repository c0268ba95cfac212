package dev.backprop.job;

import dev.backprop.dataset.SyntheticCatalog;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The real checks of a training request (Bean Validation and the service's own rules, with their
 * default limits) over a real catalogue of the synthetic digits, for the slices whose controllers check
 * one: jobs, sweeps, learning curves.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({TrainingRequestValidator.class, TrainingRequestCheck.class, SyntheticCatalog.class})
@EnableConfigurationProperties(TrainingProperties.class)
public class TrainingChecks {}
