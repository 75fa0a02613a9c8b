"""Each bundled sample yields exactly the findings its story implies (rule ids and clauses), at a fixed date."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES

EXPECTED: dict[str, set[tuple[str, str]]] = {
    "宁夏计算机学会.yaml": {("PARTY-PRESIDENT-AS-HEAD", "2")},
    "宁夏生态学会.yaml": {("ACAD-INTERNATIONAL", "9")},
    "宁夏农学会.yaml": {("PARTY-ORG-MISSING", "1"), ("ACAD-INTERNATIONAL", "9")},
    "宁夏医学会.yaml": {("GOV-SG-PART-TIME", "4")},
    "宁夏水利学会.yaml": {("GOV-OFFICER-AGE", "4"), ("GOV-OFFICER-TERMS", "4"), ("GOV-YOUNG-SHARE", "4"),
                     ("GOV-GRASSROOTS-SHARE", "4"), ("GOV-YOUNG-FLOOR", "4"), ("GOV-GRASSROOTS-FLOOR", "4")},
    "宁夏气象学会.yaml": {("BRANCH-INACTIVE", "5"), ("BRANCH-NOT-ASSESSED", "5")},
    "宁夏电力学会.yaml": {("ACT-NOMINAL", "6"), ("ACT-FEES", "6")},
    "宁夏煤炭学会.yaml": {("ACT-COMPULSORY", "6"), ("ACAD-INTERNATIONAL", "9")},
    "宁夏环境科学学会.yaml": {("FOREIGN-NO-APPROVAL", "6")},
    "宁夏地质学会.yaml": {("EVAL-C-TWICE", "7")},  # an approved foreign cooperation is international exchange
    "宁夏林学会.yaml": {("GOV-ELECTION-OVERDUE", "4"), ("BRANCH-NO-RESOLUTION", "5"), ("ACAD-INTERNATIONAL", "9")},
}


def test_every_sample_has_an_expectation():
    assert {p.name for p in SAMPLES.glob("*.yaml")} == set(EXPECTED)
    assert len(EXPECTED) >= 8


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_findings_match_its_story(auditor, name):
    result = auditor.audit(SAMPLES / name)
    assert result.valid, result.errors
    assert {(f.rule, f.clause) for f in result.findings} == EXPECTED[name]
    for f in result.findings:  # every finding points into the file, at a real line
        assert 1 <= f.line <= len((SAMPLES / name).read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("name", ["宁夏计算机学会.yaml", "宁夏生态学会.yaml"])
def test_compliant_samples_have_no_violation_or_warning(auditor, name):
    result = auditor.audit(SAMPLES / name)
    assert not [f for f in result.findings if f.severity in ("violation", "warning")]


def test_samples_point_at_their_schema():
    for path in SAMPLES.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert first.endswith("schemas/profile.schema.json"), path


def test_samples_tell_their_story():
    for path in SAMPLES.rglob("*.yaml"):
        assert path.read_text(encoding="utf-8").splitlines()[1].startswith("# 故事"), path


def test_samples_are_sized_like_real_ones(auditor):
    from compliance.loading import load
    from compliance.profile import Profile

    for path in SAMPLES.glob("*.yaml"):
        p = Profile.model_validate(load(path).data)
        assert len(p.governance.council.members) >= 25
        assert len(p.branches) >= 3 and len(p.activities) >= 12 and len(p.evaluations.association) >= 3
