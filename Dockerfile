# deptag in a small runtime image, for CI jobs that have no Swift toolchain:
#   docker build -t deptag .
#   docker run --rm -v "$PWD:/work" deptag digest
# scripts/release builds the fully static binary (-Xswiftc -static-executable: the Swift runtime,
# FoundationEssentials and glibc linked in), fails on an unexpected link warning and smoke-tests
# it, so the runtime image needs no C library at all.
FROM swift:6.3.1-bookworm AS build
WORKDIR /src
COPY . .
RUN rm -rf dist \
    && bash scripts/release \
    && install -D dist/deptag-* /out/deptag

# distroless/static: CA certificates, tzdata and /etc/passwd, no libc and no shell; :nonroot runs
# as uid 65532.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/deptag /usr/local/bin/deptag
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/deptag"]
