# syntax=docker/dockerfile:1
# Build: docker build -t toolset-config-service:0.1.0 .   (for a cluster: docs/kubernetes.md, "The image")
# Run:   docker run --rm -p 8080:8080 -v "$PWD/examples:/etc/kubernaut/toolsets:ro" toolset-config-service:0.1.0

# --- build: the same Maven build as CI, only the modules the service needs -----------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The dependency layer: the reactor's POMs alone, built once with no sources, so Maven downloads every
# plugin and dependency that `package` needs. It changes only with a POM: a source change starts from
# the next layer and downloads nothing. The local repository is named outright so that nothing an
# image declares about ~/.m2 can keep it out of the layer. The empty jars this writes are removed.
COPY pom.xml ./
COPY domain/pom.xml domain/
COPY application/pom.xml application/
COPY adapters-filesystem/pom.xml adapters-filesystem/
COPY adapters-http/pom.xml adapters-http/
COPY adapters-metrics/pom.xml adapters-metrics/
COPY adapters-kubernetes/pom.xml adapters-kubernetes/
COPY architecture/pom.xml architecture/
COPY bootstrap/pom.xml bootstrap/
COPY benchmarks/pom.xml benchmarks/
COPY examples/embedding/pom.xml examples/embedding/
COPY examples/event-client/pom.xml examples/event-client/
COPY examples/extension-adapter/pom.xml examples/extension-adapter/
RUN mvn -B -q -Dmaven.repo.local=/m2/repository -pl bootstrap -am package -DskipTests \
 && find . -name target -type d -prune -exec rm -rf {} +
# The sources (.dockerignore keeps target/ and .git/ out), built from the layer above. Not -o: should a
# plugin want one more artifact once there are sources to work on, it is fetched rather than failing.
COPY . .
RUN mvn -B -q -Dmaven.repo.local=/m2/repository -pl bootstrap -am package -DskipTests

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
