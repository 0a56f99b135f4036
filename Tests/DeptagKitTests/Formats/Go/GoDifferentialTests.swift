import Foundation
import Testing

@testable import DeptagKit

/// deptag against the go command itself (`go mod edit -json`; Debian's golang-go 1.19 in CI).
/// Go 1.19 predates toolchain/godebug/tool/ignore, three-part go versions and bare `.`/`..`
/// replacement directories (go-modules.md §9), so only files it parses are compared; the corpus
/// files it rejects for those reasons are also compared after a mechanical downgrade.
/// `go mod edit` canonicalizes versions (§4.4), so deptag's verbatim versions are compared
/// through `module.CanonicalVersion`.
@Suite(.serialized) struct GoDifferentialTests {
  /// What deptag parsed, in the shape `go mod edit -json` prints.
  struct Parsed: Equatable, CustomStringConvertible {
    var go: String?
    var requires: Set<String>
    var excludes: Set<String>
    var replaces: [String: String]

    var description: String {
      "go \(go ?? "-")\nrequire \(requires.sorted())\nexclude \(excludes.sorted())\nreplace \(replaces.sorted { $0.key < $1.key })"
    }

    init(go: String?, requires: Set<String>, excludes: Set<String>, replaces: [String: String]) {
      self.go = go
      self.requires = requires
      self.excludes = excludes
      self.replaces = replaces
    }

    init(_ json: GoTool.ModEdit) {
      func key(_ m: GoTool.ModEdit.Module) -> String { m.Version.map { "\(m.Path) \($0)" } ?? m.Path }
      var replaces: [String: String] = [:]
      for r in json.Replace ?? [] { replaces[key(r.Old)] = key(r.New) }  // go mod edit keeps the last
      self.init(
        go: json.Go, requires: Set((json.Require ?? []).map(key)), excludes: Set((json.Exclude ?? []).map(key)),
        replaces: replaces)
    }

    init(deptag bytes: [UInt8]) throws {
      let file = try GoModReader.read(SourceFile(path: "go.mod", bytes: bytes), flavor: .goMod)
      func key(_ m: GoModuleVersion) -> String {
        m.version.isEmpty ? m.path : "\(m.path) \(GoVersions.canonical(m.version))"
      }
      var replaces: [String: String] = [:]
      for r in file.replaces { replaces[key(r.old)] = key(r.new) }
      self.init(
        go: file.go, requires: Set(file.requires.map(key)), excludes: Set(file.excludes.map(key)), replaces: replaces)
    }
  }

  /// Corpus go.mod files and their variants, as (label, bytes).
  static let inputs: [(String, [UInt8])] = {
    guard GoCorpus.available else { return [] }
    var result: [(String, [UInt8])] = []
    for file in GoCorpus.files where GoCorpus.kind(file) == .gomod {
      guard let data = FileManager.default.contents(atPath: GoCorpus.path(file)) else { continue }
      let text = String(decoding: data, as: UTF8.self)
      let downgraded = downgrade(text)
      result.append((file, Array(text.utf8)))
      if downgraded != text { result.append(("\(file) [downgraded]", Array(downgraded.utf8))) }
      for (name, variant) in variants(downgraded) { result.append(("\(file) [\(name)]", Array(variant.utf8))) }
    }
    return result
  }()

  /// What Go 1.19 cannot read, removed mechanically: toolchain/godebug lines, tool/ignore
  /// blocks and lines, three-part go versions cut to two, a bare `..`/`.` target given a slash.
  static func downgrade(_ text: String) -> String {
    var out: [Substring] = []
    var skippingBlock = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if skippingBlock {
        if trimmed.hasPrefix(")") { skippingBlock = false }
        continue
      }
      if ["tool (", "ignore (", "godebug ("].contains(where: { trimmed.hasPrefix($0) }) {
        skippingBlock = true
        continue
      }
      if ["toolchain ", "godebug ", "tool ", "ignore "].contains(where: { trimmed.hasPrefix($0) }) { continue }
      if trimmed.hasPrefix("go "), let version = trimmed.split(separator: " ").last {
        let parts = version.split(separator: ".")
        out.append(Substring("go \(parts.prefix(2).joined(separator: "."))"))
        continue
      }
      var fixed = String(line)
      if fixed.hasSuffix("=> ..") { fixed += "/" }
      if fixed.hasSuffix("=> .") { fixed += "/" }
      out.append(Substring(fixed))
    }
    return out.joined(separator: "\n")
  }

  /// Spellings of one file that modfile reads alike: CRLF, quoted tokens, everything in
  /// single lines, glued comments.
  static func variants(_ text: String) -> [(String, String)] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var crlf = lines.joined(separator: "\r\n")
    crlf += ""
    var quoted: [String] = []
    var single: [String] = []
    var glued: [String] = []
    var verb: String? = nil
    for line in lines {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      let words = trimmed.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
      if trimmed.hasSuffix("(") && words.count == 2 {
        verb = words[0]
        quoted.append(line)
        glued.append(line)
        continue
      }
      if trimmed == ")" {
        verb = nil
        quoted.append(line)
        glued.append(line)
        continue
      }
      let isEntry = verb != nil && !trimmed.isEmpty && !trimmed.hasPrefix("//")
      if isEntry, let verb, ["require", "exclude"].contains(verb), words.count >= 2 {
        func q(_ word: String) -> String { word.hasPrefix("\"") ? word : "\"\(word)\"" }
        quoted.append("\t\(q(words[0])) \(q(words[1])) " + words.dropFirst(2).joined(separator: " "))
        single.append("\(verb) " + trimmed)
        glued.append("\t\(words[0]) \(words[1])//glued " + words.dropFirst(2).joined(separator: " "))
      } else if isEntry, let verb {
        quoted.append(line)
        single.append("\(verb) " + trimmed)
        glued.append(line)
      } else {
        quoted.append(line)
        if verb == nil && !(trimmed.hasSuffix("(") || trimmed == ")") { single.append(line) }
        glued.append(line)
      }
    }
    return [
      ("crlf", crlf), ("quoted", quoted.joined(separator: "\n")), ("single lines", single.joined(separator: "\n")),
      ("glued comments", glued.joined(separator: "\n")),
    ]
  }

  @Test("go mod edit -json agrees with deptag", arguments: inputs.map(\.0))
  func agreesWithGo(_ label: String) throws {
    guard GoTool.checkAvailable() else { return }
    let bytes = try #require(Self.inputs.first { $0.0 == label }?.1)
    switch try GoTool.modEdit(bytes) {
    case .failure(let failure):
      // Rejected by Go 1.19: only newer syntax may be the reason, and then deptag accepts.
      let known = ["invalid go version", "unknown directive: toolchain", "unknown directive: godebug", "unknown block type: tool",
        "unknown block type: ignore", "unknown directive: tool", "unknown directive: ignore", "must be directory path"]
      #expect(known.contains { failure.text.contains($0) }, "\(label): go 1.19 rejects it: \(failure)")
      #expect(throws: Never.self, "\(label)") { try Parsed(deptag: bytes) }
      print("go-differential: go 1.19 rejects \(label) (newer syntax); deptag accepts")
    case .success(let json):
      print("go-differential: compared \(label)")
      let ours = try Parsed(deptag: bytes)
      #expect(ours == Parsed(json), "\(label)\ndeptag: \(ours)\ngo: \(Parsed(json))")
      // The canonical text is a go.mod go reads the same way.
      let normalized = try GoFiles.normalize(String(decoding: bytes, as: UTF8.self))
      switch try GoTool.modEdit(Array(normalized.utf8)) {
      case .failure(let failure): Issue.record("\(label): go rejects deptag's canonical text: \(failure)\n\(normalized)")
      case .success(let again): #expect(Parsed(again) == Parsed(json), "\(label): normalize changed what go reads")
      }
    }
  }

  /// Every error case of GoModErrorTests is an error for the go command too, on the same line,
  /// except where deptag knowingly follows cmd/go rather than `go mod edit` (which applies no
  /// version fixer and keeps the last of conflicting replaces) or newer x/mod.
  @Test func errorsAreErrorsForGoToo() throws {
    guard GoTool.checkAvailable() else { return }
    let goModEditAccepts = [
      "conflicting replacements", "no module directive found", "retract latest",
    ]
    for (text, position, fragment) in GoModErrorTests.cases where !position.isEmpty {
      let expectAccepted = goModEditAccepts.contains { fragment.contains($0) || text.contains($0) }
      switch try GoTool.modEdit(Array(text.utf8)) {
      case .success:
        #expect(expectAccepted, "go accepts \(text.debugDescription), deptag says \(fragment)")
      case .failure(let failure):
        #expect(!expectAccepted || fragment.contains("conflicting"), "go rejects \(text.debugDescription): \(failure)")
        let line = Int(position.split(separator: ":")[0])
        #expect(failure.line == nil || failure.line == line, "\(text.debugDescription): go \(failure), deptag \(position)")
      }
    }
  }

  /// Texts of the equivalence tables that Go 1.19 parses: parsed alike.
  @Test func equivalenceTablesAgreeWithGo() throws {
    guard GoTool.checkAvailable() else { return }
    let texts = GoModEquivalenceTests.equal.flatMap { [$0.1, $0.2] } + GoModEquivalenceTests.different.flatMap { [$0.1, $0.2] }
    var compared = 0
    for text in texts {
      let bytes = Array(text.utf8)
      guard case .success(let json) = try GoTool.modEdit(bytes) else { continue }
      compared += 1
      #expect(try Parsed(deptag: bytes) == Parsed(json), "\(text.debugDescription)")
    }
    #expect(compared > 40)
  }
}
