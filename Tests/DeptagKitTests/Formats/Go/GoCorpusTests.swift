import Foundation
import Testing

@testable import DeptagKit

/// Every Go file of the shared corpus (`../shared/corpus/go`, `../shared/corpus/real/go`) with
/// deptag's recorded outcome: "ok", or the error's "LINE:COL". The note is the go command's
/// verdict: current x/mod (go-modules.md) accepts them all; Debian's Go 1.19 rejects the files
/// that use newer syntax (§9), which deptag reads like current Go.
@Suite(.enabled(if: GoCorpus.available, "../shared/corpus is absent"))
struct GoCorpusTests {
  static let go119TooOld = "Go 1.19 rejects newer syntax"
  static let expected: [String: (outcome: String, note: String)] = [
    "go/cli__cli/go.mod": ("ok", "\(go119TooOld): go 1.22.5, toolchain"),
    "go/cli__cli/go.sum": ("ok", ""),
    "go/envoyproxy__protoc-gen-validate/go.mod": ("ok", "go 1.19 ok"),
    "go/envoyproxy__protoc-gen-validate/go.sum": ("ok", ""),
    "go/etcd-io__etcd/api/go.mod": ("ok", "\(go119TooOld): toolchain"),
    "go/etcd-io__etcd/go.mod": ("ok", "\(go119TooOld): toolchain"),
    "go/etcd-io__etcd/go.sum": ("ok", ""),
    "go/etcd-io__etcd/go.work": ("ok", "\(go119TooOld): toolchain (go work edit -json)"),
    "go/giantswarm__dns-operator-azure/go.mod": ("ok", "\(go119TooOld): go 1.25.0"),
    "go/golang__mod/go.mod": ("ok", "\(go119TooOld): go 1.25.0"),
    "go/golang__mod/go.sum": ("ok", ""),
    "go/golang__mod/modfile/testdata/goline.in": ("ok", "\(go119TooOld): go 1.2.3, toolchain; no module line is fine for modfile"),
    "go/golang__mod/modfile/testdata/gopkg.in.golden": ("ok", "go 1.19 ok"),
    "go/golang__mod/modfile/testdata/issue70632.golden": ("ok", "\(go119TooOld): go 1.23.0"),
    "go/golang__mod/modfile/testdata/issue70632.in": ("ok", "\(go119TooOld): go 1.23.0"),
    "go/golang__mod/modfile/testdata/module.in": ("ok", "go 1.19 ok"),
    "go/golang__mod/modfile/testdata/retract.golden": ("ok", "go 1.19 ok"),
    "go/golang__mod/modfile/testdata/retract.in": ("ok", "go 1.19 ok"),
    "go/golang__protobuf/go.mod": ("ok", "go 1.19 ok"),
    "go/golang__protobuf/go.sum": ("ok", ""),
    "go/golang__tools/gopls/go.mod": ("ok", "\(go119TooOld): go 1.26.0, bare `..` replacement"),
    "go/golang__tools/gopls/go.sum": ("ok", ""),
    "go/grpc__grpc-go/go.mod": ("ok", "\(go119TooOld): go 1.25.0"),
    "go/grpc__grpc-go/go.sum": ("ok", ""),
    "go/grpc__grpc-go/security/advancedtls/examples/go.mod": ("ok", "\(go119TooOld): go 1.25.0"),
    "go/kubernetes__client-go/go.mod": ("ok", "\(go119TooOld): go 1.26.0, godebug"),
    "go/kubernetes__client-go/go.sum": ("ok", ""),
    "go/microsoft__typescript-go/go.mod": ("ok", "\(go119TooOld): tool and ignore blocks"),
    "go/microsoft__typescript-go/go.sum": ("ok", ""),
    "go/prometheus__prometheus/go.mod": ("ok", "\(go119TooOld): go 1.25.10"),
    "go/prometheus__prometheus/go.work": ("ok", "\(go119TooOld): go 1.25.10 (go work edit -json)"),
    "go/spf13__cobra/go.mod": ("ok", "go 1.19 ok"),
    "go/stretchr__testify/go.mod": ("ok", "go 1.19 ok"),
    "go/weaveworks__weave-gitops/gitops-server/go.mod": ("ok", "go 1.19 ok"),
    "real/go/argoproj__argo-cd/go.mod": ("ok", "\(go119TooOld): go 1.26.4"),
    "real/go/argoproj__argo-cd/go.sum": ("ok", ""),
    "real/go/hashicorp__nomad/go.mod": ("ok", "go 1.19 ok"),
    "real/go/kubernetes__kubernetes/go.mod": ("ok", "go 1.19 ok"),
    "real/go/prometheus__prometheus/go.mod": ("ok", "go 1.19 ok"),
    "real/go/prometheus__prometheus/go.sum": ("ok", ""),
  ]

  static let loader = ManifestLoader(reader: FileSystemReader())

  @Test("every corpus file has a recorded outcome")
  func tableCoversTheCorpus() {
    let files = Set(GoCorpus.files)
    let recorded = Set(Self.expected.keys)
    #expect(files.subtracting(recorded).isEmpty, "not recorded: \(files.subtracting(recorded).sorted())")
    #expect(recorded.subtracting(files).isEmpty, "not in the corpus: \(recorded.subtracting(files).sorted())")
  }

  @Test("deptag's outcome on each corpus file", arguments: GoCorpus.files)
  func outcome(_ file: String) throws {
    let expected = try #require(Self.expected[file], "\(file) has no recorded outcome")
    let path = GoCorpus.path(file)
    let kind = GoCorpus.kind(file)
    var actual = "ok"
    var message = "accepted"
    do {
      let normalized = try Self.loader.normalize(path: path, type: kind).text
      // The canonical text reads back as itself, with the same digest.
      let again = try GoFiles.normalize(normalized, kind)
      #expect(again == normalized, "\(file): normalize is not idempotent")
      let original = try Self.loader.digest(DigestRequest(paths: [path], type: kind, length: 64)).digest
      let reread = DigestFraming.digest(DigestInput(manifests: try GoFiles.load(normalized, kind).manifests), length: 64)
      #expect(original == reread, "\(file): digest(normalize(x)) != digest(x)")
    } catch let error as DeptagError {
      actual = error.location.map { "\($0.line):\($0.column)" } ?? "-"
      message = "\(error)"
    }
    #expect(actual == expected.outcome, "\(file): \(message)")
  }

  /// The x/mod fixtures: each `.in` and its `.golden` are two spellings of one file.
  @Test func fixturePairsDigestAlike() throws {
    for name in ["issue70632", "retract"] {
      let base = "go/golang__mod/modfile/testdata/\(name)"
      let a = try String(contentsOfFile: GoCorpus.path(base + ".in"), encoding: .utf8)
      let b = try String(contentsOfFile: GoCorpus.path(base + ".golden"), encoding: .utf8)
      #expect(try GoFiles.digest(a) == GoFiles.digest(b), "\(name)")
    }
  }

  /// Directory replacements in the corpus are reported, naming the directory.
  @Test func directoryReplacementsWarn() throws {
    let loaded = try Self.loader.load(path: GoCorpus.path("go/etcd-io__etcd/go.mod"), type: nil)
    #expect(loaded.warnings.count == 9)
    #expect(loaded.warnings.allSatisfy { $0.message.contains("is not hashed") && $0.message.contains("--with") })
  }
}
