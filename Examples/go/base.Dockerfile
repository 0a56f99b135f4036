# The Go module-cache base. BASE_FROM: the Go image for a fresh base, or the previous base for an
# incremental one (the module cache only grows; see `deptag decide`).
ARG BASE_FROM=golang:1.22
FROM ${BASE_FROM}
WORKDIR /deps
COPY go.mod go.sum ./
RUN go mod download
COPY .deptag/snapshot.json /deptag/snapshot.json
