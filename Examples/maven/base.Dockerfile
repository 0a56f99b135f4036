# The ~/.m2 base. BASE_FROM: the Maven image for a fresh base, or the previous base for an
# incremental one (the local repository is a cache that only grows).
ARG BASE_FROM=maven:3.9-eclipse-temurin-21
FROM ${BASE_FROM}
WORKDIR /deps
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY .deptag/snapshot.json /deptag/snapshot.json
