"""Schema-level checks: run JSON Schema over front matter and turn its errors into located findings.

jsonschema reports each error with the path into the data (``error.absolute_path``) and the keyword
that failed; this module maps the path to a line and column and the keyword to a message that says
what is allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
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
        failure = _Failure(
            src=src,
            path=tuple(error.absolute_path),
            keyword=error.validator if isinstance(error.validator, str) else "",
            expected=error.validator_value,
            instance=error.instance,
            schema=error.schema if isinstance(error.schema, dict) else {},
            message=error.message,
            vocabularies=self.vocab_by_title,
        )
        return _EXPLAIN.get(failure.keyword, _other)(failure)


@dataclass(frozen=True)
class _Failure:
    """One error from jsonschema, with what the keyword functions need to explain it.

    jsonschema sets every attribute of the errors its validators yield; its stubs also allow "unset",
    for errors made by hand, so the values are taken as Any here.
    """

    src: SourceFile
    path: DataPath
    keyword: str  # the JSON Schema keyword that failed: "type", "required", ...
    expected: Any  # the keyword's value in the schema: the required fields, a maximum length, a type
    instance: Any  # the value in the lesson
    schema: dict[str, Any]  # the schema (or part of it) that holds the keyword
    message: str  # jsonschema's own words, for keywords without words of ours
    vocabularies: Mapping[str, Vocabulary]  # by title: a vocabulary's oneOf carries its title

    @property
    def field(self) -> str:
        return field_name(self.path)

    def at_value(self, message: str, code: Code = Code.SCHEMA) -> Finding:
        return self.src.finding_for(self.path, message, code)


# What each failed keyword means, in the author's terms: one function a keyword, as python-jsonschema
# maps keywords to validator functions. Keywords not listed get jsonschema's own message.


def _required(failure: _Failure) -> Iterator[Finding]:
    parent = f" in {failure.field}" if failure.path else ""
    for name in failure.expected:
        if isinstance(failure.instance, dict) and name not in failure.instance:
            why = " (required when editorial.state is published)" if failure.path == ("editorial",) else ""
            yield failure.src.finding_for(failure.path, f"missing required field '{name}'{parent}{why}", Code.REQUIRED, at_key=True)


def _additional_properties(failure: _Failure) -> Iterator[Finding]:
    allowed = list(failure.schema.get("properties", {}))
    for key in failure.instance:
        if key not in allowed:
            where = f" in {failure.field}" if failure.path else ""
            yield failure.src.finding_for(
                (*failure.path, key),
                f"unknown field '{key}'{where}{did_you_mean(key, allowed)}; allowed fields: {', '.join(allowed)}",
                Code.UNKNOWN_FIELD,
                at_key=True,
            )


def _type(failure: _Failure) -> Iterator[Finding]:
    expected, instance = failure.expected, failure.instance
    types: list[str] = expected if isinstance(expected, list) else [expected]
    expected_words = " or ".join(_TYPE_WORDS.get(t, t) for t in types)
    written = failure.src.raw.get(failure.path)
    message = f"{failure.field} must be {expected_words}, not {_describe(instance)}"
    if expected == "string" and written is not None and instance is not None:
        message += f'; put it in quotes ("{written}") so it is read as text'
    elif expected == "array" and isinstance(instance, str):
        message += f"; write it as a list, e.g. [{instance}]"
    yield failure.at_value(message, Code.TYPE)


def _one_of(failure: _Failure) -> Iterator[Finding]:
    vocabulary = failure.vocabularies.get(failure.schema.get("title", ""))
    if vocabulary is None:
        yield from _other(failure)
        return
    value = failure.instance
    suggestion = did_you_mean(str(value), vocabulary.ids)
    message = f"{failure.field}: {value!r} is not a known {vocabulary.title.lower()}{suggestion}; allowed: {', '.join(vocabulary.ids)}"
    yield failure.at_value(message, Code.VOCABULARY)


def _length(failure: _Failure) -> Iterator[Finding]:
    low, high = failure.schema.get("minLength"), failure.schema.get("maxLength")
    if low is not None and high is not None:
        bounds = f"{low}-{high}"
    else:
        bounds = f"at {'least' if failure.keyword == 'minLength' else 'most'} {failure.expected}"
    yield failure.at_value(f"{failure.field} is {len(failure.instance)} characters long; it must be {bounds} characters", Code.LENGTH)


def _pattern(failure: _Failure) -> Iterator[Finding]:
    description = failure.schema.get("description", "in the expected format")
    if "plain text" in description:
        yield failure.at_value(f"{failure.field} must be {description}: write it as ordinary words", Code.FORMAT)
    else:
        yield failure.at_value(f"{failure.field}: {failure.instance!r} must be {description}", Code.FORMAT)


def _min_items(failure: _Failure) -> Iterator[Finding]:
    yield failure.at_value(f"{failure.field} must list at least {failure.expected}", Code.COUNT)


def _max_items(failure: _Failure) -> Iterator[Finding]:
    yield failure.at_value(f"{failure.field} lists {len(failure.instance)}; at most {failure.expected} are allowed", Code.COUNT)


def _unique_items(failure: _Failure) -> Iterator[Finding]:
    items = failure.instance
    dupes = sorted({str(x) for x in items if items.count(x) > 1})
    yield failure.at_value(f"{failure.field} lists {', '.join(repr(d) for d in dupes)} more than once", Code.DUPLICATE)


def _any_of(failure: _Failure) -> Iterator[Finding]:
    if failure.path[-1:] != ("via",):  # contact.via is the schema's only anyOf
        yield from _other(failure)
        return
    yield failure.at_value(
        f"{failure.field} must be a web address starting https:// or a role mailbox such as contact@example.org, not {failure.instance!r}",
        Code.FORMAT,
    )


def _other(failure: _Failure) -> Iterator[Finding]:
    yield failure.at_value(f"{failure.field}: {failure.message}")


_EXPLAIN: dict[str, Callable[[_Failure], Iterator[Finding]]] = {
    "required": _required,
    "additionalProperties": _additional_properties,
    "type": _type,
    "oneOf": _one_of,
    "minLength": _length,
    "maxLength": _length,
    "pattern": _pattern,
    "minItems": _min_items,
    "maxItems": _max_items,
    "uniqueItems": _unique_items,
    "anyOf": _any_of,
}


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
