package dev.backprop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The whole service started in-process on a free port with the given properties, for tests that stop and start it. */
public final class RunningService implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final RestTestClient client;
    private final int port;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        this.client = RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .build();
    }

    public static RunningService start(Map<String, String> properties) {
        // Command-line arguments, because builder properties rank below application.properties.
        List<String> arguments = new ArrayList<>();
        arguments.add("--server.port=0");
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new RunningService(
                new SpringApplicationBuilder(BackpropApplication.class).run(arguments.toArray(String[]::new)));
    }

    public RestTestClient client() {
        return client;
    }

    public int port() {
        return port;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
