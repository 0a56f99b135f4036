# shellcheck shell=bash disable=SC2034  # the arrays are used by the scripts that source this file
# The two release builds of deptag, sourced by scripts/release, scripts/bench and
# scripts/bench-each so that what is measured is what ships.
#
#   static_build  fully static (-static-executable), in .build-static: nothing shared, so ld.so
#                 has nothing to load or relocate at start-up
#   stdlib_build  the Swift runtime and FoundationEssentials linked in, glibc, libstdc++ and
#                 libgcc_s shared (--static-swift-stdlib), in .build-release
#
# Both pass -disable-concrete-type-metadata-mangled-name-accessors to every module, swift-crypto's
# and ArgumentParser's included (an IRGen option of the Swift compiler, swiftlang/swift#30479,
# "useful ... in rare cases where there are performance problems with the demangler"). By default
# the compiler asks for the metadata of a concrete generic type such as
# `_DictionaryStorage<String, PipOption>` or swift-crypto's `DigestContext<SHA256>` by its mangled
# name: the runtime demangles it once and finds each conformance it needs (`String: Hashable`) by a
# linear scan of the binary's ~4,200 conformance records, about 100,000 instructions per
# conformance. With the option it calls the type's metadata accessor with the witness tables the
# compiler already knows. Measured with callgrind on the fully static build (2026-12-07):
# `deptag digest` of a 60-line requirements.txt 1.05 M → 0.54 M instructions, a 500-dependency
# pom.xml 6.19 M → 5.65 M; the binary grows by 40 KB. It is not in Package.swift because a package
# with unsafeFlags cannot be depended on by version (the DeptagKit library product).
release_swift_flags=(-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors)
static_build=(swift build -c release --product deptag -Xswiftc -static-executable "${release_swift_flags[@]}" --scratch-path .build-static)
stdlib_build=(swift build -c release --product deptag --static-swift-stdlib "${release_swift_flags[@]}" --scratch-path .build-release)
