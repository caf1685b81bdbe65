"""Schema-level checks: run JSON Schema over front matter and turn its errors into located findings.

jsonschema reports each error with the path into the data (``error.absolute_path``) and the keyword
that failed; this module maps the path to a line and column and the keyword to a message that says
what is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..findings import Code, Finding, did_you_mean, field_name
from ..model.vocabulary import Schema, Vocabulary, vocabulary_fields
from .source import DataPath, SourceFile

_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a group of fields",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
}


class SchemaChecker:
    def __init__(self, schema: Schema) -> None:
        Draft202012Validator.check_schema(schema.document)
        self.validator = Draft202012Validator(schema.document)
        # jsonschema-rs answers "valid?" some fifty times faster; python-jsonschema's error objects (paths,
        # keywords, subschemas) then explain the few lessons that are not. Tests hold the two to the same verdict.
        self.fast = jsonschema_rs.validator_for(schema.document)
        self.vocab_by_title = {v.title: v for v in schema.vocabularies.values()}
        self.retired = {
            path: schema.vocabularies[name]
            for path, name in vocabulary_fields(schema.document).items()
            if any(term.retired for term in schema.vocabularies[name].terms)
        }

    def check(self, src: SourceFile) -> list[Finding]:
        if src.data is None:
            return []
        if self.fast.is_valid(src.data):
            return list(self._retired_terms(src)) if self.retired else []
        errors = sorted(self.validator.iter_errors(src.data), key=lambda e: list(map(str, e.absolute_path)))
        findings: list[Finding] = []
        seen: set[tuple[int, int, str]] = set()
        for error in _most_specific(errors):
            if tuple(error.absolute_path) in src.reported:
                continue
            for finding in self._findings(src, error):
                key = (finding.line, finding.column, finding.message)
                if key not in seen:
                    seen.add(key)
                    findings.append(finding)
        findings.extend(self._retired_terms(src))
        return findings

    def _retired_terms(self, src: SourceFile) -> Iterable[Finding]:
        """Retired terms are still in the schema, so they pass it; say what replaces them."""
        for pattern, vocabulary in self.retired.items():
            for path, value in _values_at(src.data, pattern, ()):
                term = vocabulary.by_id.get(value) if isinstance(value, str) else None
                if term is None or not term.retired:
                    continue
                instead = f": use '{term.replaced_by}' instead" if term.replaced_by else ": choose another"
                yield src.finding_for(
                    path,
                    f"{field_name(path)}: '{value}' is a retired {vocabulary.title.lower()}{instead}"
                    f" (allowed: {', '.join(t.id for t in vocabulary.active_terms)})",
                    Code.RETIRED_TERM,
                )

    def _findings(self, src: SourceFile, error: ValidationError) -> Iterable[Finding]:
        path: DataPath = tuple(error.absolute_path)
        field = field_name(path)
        kind = error.validator
        instance = error.instance
        schema = error.schema if isinstance(error.schema, dict) else {}

        def at_value(message: str, code: Code = Code.SCHEMA) -> Finding:
            return src.finding_for(path, message, code)

        if kind == "required":
            parent = f" in {field}" if path else ""
            for name in error.validator_value:
                if isinstance(instance, dict) and name not in instance:
                    why = " (required when editorial.state is published)" if path == ("editorial",) else ""
                    yield src.finding_for(path, f"missing required field '{name}'{parent}{why}", Code.REQUIRED, at_key=True)
        elif kind == "additionalProperties":
            allowed = list(schema.get("properties", {}))
            for key in instance:
                if key not in allowed:
                    where = f" in {field}" if path else ""
                    yield src.finding_for(
                        (*path, key),
                        f"unknown field '{key}'{where}{did_you_mean(key, allowed)}; allowed fields: {', '.join(allowed)}",
                        Code.UNKNOWN_FIELD,
                        at_key=True,
                    )
        elif kind == "type":
            yield at_value(self._type_message(src, path, field, error.validator_value, instance), Code.TYPE)
        elif kind == "oneOf" and schema.get("title") in self.vocab_by_title:
            yield at_value(_vocabulary_message(field, instance, self.vocab_by_title[schema["title"]]), Code.VOCABULARY)
        elif kind in ("minLength", "maxLength"):
            low, high = schema.get("minLength"), schema.get("maxLength")
            bounds = (
                f"{low}-{high}"
                if low is not None and high is not None
                else f"at {'least' if kind == 'minLength' else 'most'} {error.validator_value}"
            )
            yield at_value(f"{field} is {len(instance)} characters long; it must be {bounds} characters", Code.LENGTH)
        elif kind == "pattern":
            yield at_value(_pattern_message(field, instance, schema), Code.FORMAT)
        elif kind == "minItems":
            yield at_value(f"{field} must list at least {error.validator_value}", Code.COUNT)
        elif kind == "maxItems":
            yield at_value(f"{field} lists {len(instance)}; at most {error.validator_value} are allowed", Code.COUNT)
        elif kind == "uniqueItems":
            dupes = sorted({str(x) for x in instance if instance.count(x) > 1})
            yield at_value(f"{field} lists {', '.join(repr(d) for d in dupes)} more than once", Code.DUPLICATE)
        elif kind == "anyOf" and path[-1:] == ("via",):
            yield at_value(
                f"{field} must be a web address starting https:// or a role mailbox such as contact@example.org, not {instance!r}",
                Code.FORMAT,
            )
        else:
            yield at_value(f"{field}: {error.message}")

    def _type_message(self, src: SourceFile, path: DataPath, field: str, expected: Any, instance: Any) -> str:
        expected_words = " or ".join(_TYPE_WORDS.get(t, t) for t in (expected if isinstance(expected, list) else [expected]))
        written = src.raw.get(path)
        message = f"{field} must be {expected_words}, not {_describe(instance)}"
        if expected == "string" and written is not None and instance is not None:
            message += f'; put it in quotes ("{written}") so it is read as text'
        elif expected == "array" and isinstance(instance, str):
            message += f"; write it as a list, e.g. [{instance}]"
        return message


def _values_at(data: Any, pattern: tuple[str, ...], path: DataPath) -> Iterable[tuple[DataPath, Any]]:
    if not pattern:
        yield path, data
    elif pattern[0] == "*" and isinstance(data, list):
        for index, item in enumerate(data):
            yield from _values_at(item, pattern[1:], (*path, index))
    elif isinstance(data, dict) and pattern[0] in data:
        yield from _values_at(data[pattern[0]], pattern[1:], (*path, pattern[0]))


def _most_specific(errors: list[ValidationError]) -> list[ValidationError]:
    """Where a value has the wrong type, that is the one thing worth saying about it."""
    typed = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    return [e for e in errors if e.validator == "type" or tuple(e.absolute_path) not in typed]


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    return "a group of fields"


def _vocabulary_message(field: str, value: Any, vocabulary: Vocabulary) -> str:
    noun = vocabulary.title.lower()
    suggestion = did_you_mean(str(value), vocabulary.ids)
    return f"{field}: {value!r} is not a known {noun}{suggestion}; allowed: {', '.join(vocabulary.ids)}"


def _pattern_message(field: str, value: str, schema: dict[str, Any]) -> str:
    description = schema.get("description", "in the expected format")
    if "plain text" in description:
        return f"{field} must be {description}: write it as ordinary words"
    return f"{field}: {value!r} must be {description}"
