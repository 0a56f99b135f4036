import Foundation
import Testing

@testable import DeptagKit

/// Every pip file of the shared corpus (`../shared/corpus/pip`, `../shared/corpus/real/pip`)
/// with deptag's recorded outcome: "ok", or the error's "LINE:COL". Each error was reviewed
/// against the "pip 26.3" verdict in `../shared/corpus/pip/SOURCES.md` (the note says where pip
/// stops); a change here is a change of behaviour to review, not a number to re-record.
@Suite(.enabled(if: TestLocations.corpusAvailable, "../shared/corpus is absent"))
struct PipCorpusTests {
  static let expected: [String: (outcome: String, note: String)] = [
    "pip/dependabot/custom_index_invalid_env.txt": ("ok", ""),
    "pip/dependabot/custom_index_quotes.txt": ("ok", ""),
    "pip/dependabot/extra_index.txt": ("ok", ""),
    "pip/dependabot/extras.txt": ("ok", ""),
    "pip/dependabot/hard_names_runtime.txt": ("ok", ""),
    "pip/dependabot/hashes.txt": ("ok", ""),
    "pip/dependabot/hashes_multiline_no_space.txt": ("ok", ""),
    "pip/dependabot/invalid_options.txt": ("2:1", "pip: no such option --allow-external, same line"),
    "pip/dependabot/local_version.txt": ("ok", ""),
    "pip/dependabot/markers.txt": ("ok", ""),
    "pip/dependabot/markers_and_hashes_multiline.txt": ("ok", ""),
    "pip/dependabot/pip_compile_editable.txt": ("ok", ""),
    "pip/dependabot/pip_compile_no_binary.txt": ("ok", ""),
    "pip/dependabot/pip_compile_unmet_marker.txt": ("ok", ""),
    "pip/dependabot/prefix_match.txt": ("ok", ""),
    "pip/osv-scalibr/comments.txt": ("ok", ""),
    "pip/osv-scalibr/env_var.txt": ("ok", "pip rejects `qwert==${MY_VARIABLE_1}` with the variable unset; deptag keeps ${VAR} literal"),
    "pip/osv-scalibr/multiline_and_comments.txt": ("ok", ""),
    "pip/osv-scalibr/per_req_options.txt": ("3:29", "pip: no such option --global-option (column of that option on line 3)"),
    "pip/osv-scalibr/relax-requirements.txt": ("ok", ""),
    "pip/osv-scalibr/trailing_backslash.txt": ("ok", ""),
    "pip/osv-scalibr/with_versions.txt": ("ok", ""),
    "pip/osv-scanner/non-normalized-names.txt": ("ok", ""),
    "pip/osv-scanner/python-fixture-requirements.txt": ("ok", ""),
    "pip/osv-scanner/with-hash.txt": ("ok", ""),
    "pip/pip-requirements-parser/Elchi3-kuma-requirements-dev.txt": ("2:1", "pip: -r default.txt cannot be opened (not part of the fixture)"),
    "pip/pip-requirements-parser/comments_and_empties-requirements.txt": ("ok", ""),
    "pip/pip-requirements-parser/complex-requirements.txt": ("ok", ""),
    "pip/pip-requirements-parser/jacobzweig-RCNN_Toolbox-requirements.txt": ("8:4", "pip: InvalidEggFragment for #egg=Lasagne==0.2.git"),
    "pip/pip-requirements-parser/pep-508-examples.txt": ("ok", ""),
    "pip/pip-requirements-parser/pipfile-requirements-tests.txt": ("ok", ""),
    "pip/pip-requirements-parser/qvazzler-Flexget-requirements.txt": ("ok", ""),
    "pip/pip-requirements-parser/repeated-requirements.txt": ("ok", ""),
    "pip/pip-requirements-parser/requirement-parser-issues.txt": ("67:17", "pip stops at line 8 (./pip_packages/dystillamodb does not exist on disk); with that directory present it stops here too: `pytest >= 2.0.0 [tests]`"),
    "pip/pip-requirements-parser/serverless-python-requirements-tests.txt": ("ok", ""),
    "pip/pip-requirements-parser/sort-requirements-tests.txt": ("3:1", "pip: -r other.txt cannot be opened (not part of the fixture)"),
    "pip/pip-requirements-parser/urls_wth_checksums-requirements.txt": ("ok", ""),
    "pip/pip/supported_options2.txt": ("ok", ""),
    "pip/requirements-parser/editable_2.txt": ("ok", ""),
    "pip/requirements-parser/extras_1.txt": ("ok", ""),
    "pip/requirements-parser/global_options_requirements.txt": ("2:1", "pip: -c option requires 1 argument, same line"),
    "pip/requirements-parser/hash_1.txt": ("ok", ""),
    "pip/requirements-parser/recursive_1.txt": ("ok", ""),
    "pip/requirements-parser/recursive_2.txt": ("ok", ""),
    "pip/requirements-parser/recursive_3.txt": ("ok", ""),
    "pip/requirements-parser/subdirectory.txt": ("ok", ""),
    "pip/requirements-parser/uri.txt": ("ok", ""),
    "pip/requirements-parser/vcs_package_alias.txt": ("ok", ""),
    "pip/trivy/requirements_comments.txt": ("6:14", "pip: invalid requirement 'Jinja2==3.0.0#comment' (the # is data)"),
    "pip/trivy/requirements_operator.txt": ("ok", ""),
    "pip/trivy/requirements_spaces.txt": ("ok", ""),
    "pip/trivy/requirements_utf16le.txt": ("ok", ""),
    "pip/uv/constraints-a.txt": ("ok", ""),
    "pip/uv/constraints-b.txt": ("ok", ""),
    "pip/uv/include-a.txt": ("ok", ""),
    "pip/uv/include-b.txt": ("ok", ""),
    "pip/uv/poetry-with-hashes.txt": ("ok", ""),
    "pip/uv/whitespace.txt": ("ok", ""),
    "real/pip/django__django/tests/requirements/py3.txt": ("ok", ""),
    "real/pip/home-assistant__core/homeassistant/package_constraints.txt": ("ok", ""),
    "real/pip/home-assistant__core/requirements.txt": ("ok", ""),
    "real/pip/home-assistant__core/requirements_all.txt": ("ok", ""),
    "real/pip/home-assistant__core/requirements_test.txt": ("ok", ""),
    "real/pip/home-assistant__core/requirements_test_all.txt": ("ok", ""),
    "real/pip/home-assistant__core/requirements_test_pre_commit.txt": ("ok", ""),
    "real/pip/pypa__warehouse/requirements/main.in": ("ok", ""),
    "real/pip/pypa__warehouse/requirements/main.txt": ("ok", ""),
  ]

  @Test("every corpus file has a recorded outcome")
  func tableCoversTheCorpus() {
    let files = Set(TestLocations.pipCorpusFiles)
    let recorded = Set(Self.expected.keys)
    #expect(files.subtracting(recorded).isEmpty, "not recorded: \(files.subtracting(recorded).sorted())")
    #expect(recorded.subtracting(files).isEmpty, "not in the corpus: \(recorded.subtracting(files).sorted())")
  }

  @Test("deptag's outcome on each corpus file", arguments: TestLocations.pipCorpusFiles)
  func outcome(_ file: String) throws {
    let expected = try #require(Self.expected[file], "\(file) has no recorded outcome")
    let path = TestLocations.corpusPath(file)
    let actual = Deptag.outcome(path)
    let message = Deptag.normalize(path).failureValue.map { "\($0)" } ?? "accepted"
    #expect(actual == expected.outcome, "\(file): \(message)")
    // The digest agrees with normalize about accepting the file.
    #expect((Deptag.digest(path).failureValue == nil) == (actual == "ok"))
  }
}
