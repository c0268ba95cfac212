# syntax=docker/dockerfile:1
# Build with the project's own wrapper, run on a JRE as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -q -DskipTests package && cp target/backprop-*.jar /backprop.jar

FROM eclipse-temurin:17-jre
# OpenBLAS: the wide layers' products go through its sgemm (2.5 to 5 times faster than the engine's own loops).
RUN apt-get update && apt-get install -y --no-install-recommends libopenblas0-pthread \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system backprop && useradd --system --gid backprop --home /app backprop \
    && mkdir -p /app /data && chown backprop:backprop /data
WORKDIR /app
COPY --from=build /backprop.jar /app/backprop.jar
ENV BACKPROP_STORAGE_TYPE=disk \
    BACKPROP_STORAGE_DIR=/data \
    JAVA_OPTS="-XX:MaxRAMPercentage=75"
VOLUME /data
USER backprop
EXPOSE 8080
# bash's /dev/tcp, because the JRE image has no curl.
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /actuator/health/liveness HTTP/1.0\r\n\r\n" >&3 && grep -q "\"UP\"" <&3'
# --add-modules=jdk.incubator.vector: the engine's Vector API kernels, when the runtime has the module
# (without it the service runs the plain-loop kernels, which give the same results, some 3.5 times slower,
# and logs a WARN at start saying so; /actuator/info names the kernels in use).
ENTRYPOINT ["sh", "-c", "if java --list-modules | grep -q '^jdk.incubator.vector'; then VECTOR=--add-modules=jdk.incubator.vector; fi; exec java $VECTOR $JAVA_OPTS -jar /app/backprop.jar \"$@\"", "--"]
