import Testing

/// The suite that groups the PEP 440 / PEP 508 / PEP 503 tests, so `--filter PEP508` runs them all.
@Suite enum PEP508Tests {}
