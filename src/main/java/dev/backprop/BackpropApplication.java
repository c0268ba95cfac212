package dev.backprop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BackpropApplication {

    public static void main(String[] args) {
        SpringApplication.run(BackpropApplication.class, args);
    }
}
