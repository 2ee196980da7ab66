# syntax=docker/dockerfile:1
# Build: docker build -t toolset-config-service:0.1.0 .
# Run:   docker run --rm -p 8080:8080 -v "$PWD/examples:/etc/kubernaut/toolsets:ro" toolset-config-service:0.1.0

# --- build: the same Maven build as CI, only the modules the service needs -----------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -pl bootstrap -am package -DskipTests

# --- runtime: a JRE 17 and the executable jar, as a non-root user -------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 toolset \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin toolset
COPY --from=build /src/bootstrap/target/toolset-config-service.jar /app/toolset-config-service.jar
# An AppCDS archive from one training run on this image's own JVM (an archive fits only the JVM that
# wrote it): a start maps the service's classes instead of loading and verifying them, about 0.6x
# the launch-to-ready time (docs/benchmarks.md, "6. Start"). Without a usable archive the JVM
# starts as before.
COPY scripts/appcds-train.sh examples/toolsets.yaml /tmp/appcds/
RUN bash /tmp/appcds/appcds-train.sh /app/toolset-config-service.jar /app/toolset-config-service.jsa \
      /tmp/appcds/toolsets.yaml \
 && rm -rf /tmp/appcds
# Numeric, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
USER 10001:10001
ENV TOOLSET_CONFIG_PATH=/etc/kubernaut/toolsets/toolsets.yaml \
    TOOLSET_HTTP_PORT=8080 \
    TOOLSET_LOG_FORMAT=json
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-XX:+ExitOnOutOfMemoryError", "-XX:SharedArchiveFile=/app/toolset-config-service.jsa", "-jar", "/app/toolset-config-service.jar"]
CMD ["serve"]
