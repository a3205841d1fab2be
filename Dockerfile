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
# The node's memory: resident about 540 MiB after a load run (BENCHMARKS.md, lifecycle load benchmark, which
# starts the application with exactly these options); the serial collector, as the JVM would pick in a container of
# less than 2 GiB anyway, costs no throughput there. Give the container at least 768 MiB. TrimNativeHeapInterval hands
# the memory that the JIT compiler and others freed back to the system every 5 s (without it: 558-637 MiB after runs).
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xms128m -Xmx256m -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=256m -XX:TrimNativeHeapInterval=5000"
# glibc's malloc keeps an arena per thread (up to 8 per core) that the JVM's own allocations spread over: two suffice
ENV MALLOC_ARENA_MAX=2
COPY --from=build /build/app.jar /tmp/app.jar
# Start-up: the jar extracted (classes read from plain jars, not nested ones) and a class data sharing archive of
# the classes a start loads, made by one training start on an in-memory database that stops once the application
# is up (Spring Boot's documented CDS set-up). On an existing database: ready in about 10 s instead of 15.
RUN java -Djarmode=tools -jar /tmp/app.jar extract --destination /app \
 && rm /tmp/app.jar \
 && java -XX:ArchiveClassesAtExit=/app/application.jsa -Dspring.context.exit=onRefresh -jar /app/app.jar \
      --spring.datasource.url=jdbc:h2:mem:training --server.port=0 --notification.embedded-smtp.enabled=false \
 && chown -R app:app /app
USER app
ENV SPRING_PROFILES_ACTIVE=postgres
EXPOSE 8080
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/application.jsa", "-jar", "/app/app.jar"]
