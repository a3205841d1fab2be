# syntax=docker/dockerfile:1

# ---- build stage ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Resolve dependencies first so they are cached while only sources change.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline || true
COPY src ./src
COPY bpmn ./bpmn
COPY forms ./forms
COPY mail-templates ./mail-templates
RUN mvn -B -DskipTests package \
 && cp target/*.jar /build/app.jar

# ---- runtime stage ----
FROM eclipse-temurin:17-jre
RUN groupadd --system app && useradd --system --gid app --home-dir /app --no-create-home app
WORKDIR /app
COPY --from=build --chown=app:app /build/app.jar /app/app.jar
USER app
ENV SPRING_PROFILES_ACTIVE=postgres
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
