"""The profile models and their JSON Schema: Chinese titles everywhere, unknown keys rejected, schema fresh."""

from __future__ import annotations

import json

import jsonschema
import pytest
from pydantic import BaseModel, ValidationError

from compliance import profile as models
from compliance.loading import load
from tests.conftest import ROOT, SAMPLES

ALL_MODELS = [m for m in vars(models).values()
              if isinstance(m, type) and issubclass(m, BaseModel) and m not in (BaseModel, models.Model)]


def test_schema_file_is_fresh():
    committed = json.loads((ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8"))
    assert committed == models.json_schema(), "run: compliance schema > schemas/profile.schema.json"


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_every_field_has_a_chinese_title_and_description(model):
    for name, field in model.model_fields.items():
        assert field.title and field.description, f"{model.__name__}.{name}"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in field.title), f"{model.__name__}.{name}"


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_every_model_rejects_unknown_keys(model):
    with pytest.raises(ValidationError) as info:
        model.model_validate({"no_such_key": 1})
    assert "extra_forbidden" in {e["type"] for e in info.value.errors()}


def test_schema_descriptions_are_chinese():
    schema = models.json_schema()
    party = schema["$defs"]["Party"]["properties"]["formal_members"]
    assert party["title"] == "正式党员人数" and "党员" in party["description"]
    assert schema["additionalProperties"] is False


def test_samples_validate_against_the_json_schema():
    """Editors use the JSON Schema: it must accept what the models accept."""
    schema = models.json_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)  # built once: jsonschema.validate would check the schema again for every file
    paths = sorted(SAMPLES.glob("*.yaml"))
    assert len(paths) >= 8
    for path in paths:
        data = json.loads(json.dumps(load(path).data, default=str))
        data = _years_as_strings(data)
        validator.validate(data)


def _years_as_strings(value):
    # YAML allows integer keys (activities_per_year); JSON object keys are always strings
    if isinstance(value, dict):
        return {str(k): _years_as_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_years_as_strings(v) for v in value]
    return value


def test_strict_types():
    base = {"body": "理事会", "elected_on": "2024-01-01"}
    assert models.Vetting.model_validate(base).elected_on.year == 2024
    with pytest.raises(ValidationError):
        models.Staff.model_validate({"full_time": "3"})
    with pytest.raises(ValidationError):
        models.Charter.model_validate({"adopted_on": "2024-01-01", "party_leadership_clause": "yes",
                                       "party_building_clause": True, "business_scope": ["x"]})
