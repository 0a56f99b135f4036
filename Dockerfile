# deptag in a small runtime image, for CI jobs that have no Swift toolchain:
#   docker build -t deptag .
#   docker run --rm -v "$PWD:/work" deptag digest
# The builder and the runtime are both Debian 12, so the binary finds the glibc it was linked
# against; --static-swift-stdlib leaves only glibc, libstdc++ and libgcc_s to the runtime image.
FROM swift:6.3.1-bookworm AS build
WORKDIR /src
COPY . .
RUN swift build -c release --static-swift-stdlib --product deptag \
    && install -D -s "$(swift build -c release --static-swift-stdlib --show-bin-path)/deptag" /out/deptag

# distroless/cc: glibc, libstdc++ and libgcc_s, no shell; :nonroot runs as uid 65532.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/deptag /usr/local/bin/deptag
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/deptag"]
