# The dependency base image. BASE_FROM is the image to build on: the Python image for a fresh
# base, or the previous base (by its tag) for an incremental build that installs on top of it.
ARG BASE_FROM=python:3.12-slim
FROM ${BASE_FROM}
WORKDIR /deps
# Only what feeds the digest (deptag inputs) is in the build context: see base.Dockerfile.dockerignore.
COPY requirements.txt requirements-common.txt constraints.txt ./
RUN pip install --no-cache-dir -r requirements.txt
# The snapshot the next CI run decides against (written by Examples/ci/build-base.sh).
COPY .deptag/snapshot.json /deptag/snapshot.json
