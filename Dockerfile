# syntax=docker/dockerfile:1
# Octavia Core image: build the Spring Boot jar with the Maven wrapper, run it on a JRE.
#   docker compose up --build      (see docker-compose.yml for the wiring)

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds without baking it into a layer.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests package

FROM eclipse-temurin:25-jre
# curl is only for the container healthcheck; the JRE image ships without it.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /app octavia
WORKDIR /app
COPY --from=build /src/core-api/target/octavia-core.jar /app/octavia-core.jar
USER octavia
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health/readiness || exit 1
# CMD, not ENTRYPOINT: the base image's entrypoint (CA certificate import) stays in front.
CMD ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/octavia-core.jar"]
