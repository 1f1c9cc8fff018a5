"""What the LLM must send back, its JSON schema, and turning raw text into a validated reply.

The reply model is lenient on purpose where the grader repairs afterwards (scores outside the
rubric's range are clamped, unknown ids dropped, each with a warning), and strict where there
is nothing to repair (the shape of the object).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from copy import deepcopy
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

# Advertised to the model as the range, but not enforced on parsing: the grader clamps.
Score = Annotated[int, Field(json_schema_extra={"minimum": 0, "maximum": 2})]


class _Reply(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CriterionReply(_Reply):
    """One criterion as the LLM scored it."""

    id: str = Field(description="criterion id from the rubric")
    score: Score = Field(description="0 absent, 1 named, 2 named with its reason or condition")
    evidence: list[str] = Field(
        description="exact quotes copied from the answer that justify the score"
    )
    feedback: str = Field(description="one sentence: what is missing or why it earned the score")


class RedFlagReply(_Reply):
    """A red flag the LLM raised."""

    id: str = Field(description="red flag id from the rubric")
    evidence: list[str] = Field(description="exact quotes copied from the answer that show it")


class GradeReply(_Reply):
    """The whole reply: a score per criterion, red flags, and an optional follow-up."""

    criteria: list[CriterionReply]
    red_flags: list[RedFlagReply]
    followup: str | None = Field(
        description="one interview question under 40 words aimed at the weakest criterion, or null"
    )

    @model_validator(mode="before")
    @classmethod
    def _accept_common_shapes(cls, data: Any) -> Any:
        # Small models often key criteria by id, or leave out empty lists; accept both shapes.
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for section in ("criteria", "red_flags"):
            value = data.get(section)
            if isinstance(value, dict):
                data[section] = [
                    {"id": key, **item} if isinstance(item, dict) else {"id": key, "score": item}
                    for key, item in value.items()
                ]
        data.setdefault("red_flags", [])
        data.setdefault("followup", None)
        return data


def reply_schema() -> dict[str, Any]:
    """The JSON schema of `GradeReply`, as sent to servers that take one."""
    return GradeReply.model_json_schema()


class ReplyError(Exception):
    """The reply text is not a valid grade; the message says why in a few words."""


_FENCE = re.compile(r"^\s*```[A-Za-z0-9_-]*\s*\n?(.*?)\n?\s*```\s*$", re.DOTALL)


def strip_fences(text: str) -> str:
    """The text inside a Markdown code fence, or the text itself when there is none."""
    match = _FENCE.match(text)
    return match.group(1) if match else text.strip()


def extract_json(text: str) -> Any:
    """The JSON object in `text`: fences stripped, prose before or after it ignored."""
    body = strip_fences(text)
    try:
        return json.loads(body)
    except json.JSONDecodeError:
        pass
    start, end = body.find("{"), body.rfind("}")
    if start == -1 or end <= start:
        raise ReplyError("no JSON object in the reply")
    try:
        return json.loads(body[start : end + 1])
    except json.JSONDecodeError as exc:
        raise ReplyError(f"invalid JSON ({exc.msg} at char {exc.pos})") from None


def parse_reply(text: str | None) -> GradeReply:
    """Validate raw reply text as a `GradeReply`; raise ReplyError naming the first problem."""
    if not text or not text.strip():
        raise ReplyError("empty reply")
    data = extract_json(text)
    try:
        return GradeReply.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "reply"
        raise ReplyError(f"{where}: {first['msg']} ({exc.error_count()} problem(s))") from None


MAX_QUOTES = 2
"""Quotes asked for per criterion or red flag; enough to justify a score."""
MAX_QUOTE_CHARS = 120
MAX_FEEDBACK_CHARS = 120


def wire_schema(criterion_ids: Sequence[str], red_flag_ids: Sequence[str]) -> dict[str, Any]:
    """The reply schema specialised to one rubric: what the server is asked to enforce.

    Derived from `GradeReply`'s own schema, with `criteria` keyed by the rubric's criterion ids
    (each exactly once) and every list and string bounded. Servers that enforce schemas with a
    grammar (llama.cpp) then cannot ramble past the token limit or invent criterion ids; the
    reply still validates as a `GradeReply`, which accepts criteria keyed by id.
    """
    base = reply_schema()
    defs = base["$defs"]
    quotes: dict[str, Any] = {
        "type": "array",
        "items": {"type": "string", "maxLength": MAX_QUOTE_CHARS},
        "maxItems": MAX_QUOTES,
    }
    entry = deepcopy(defs["CriterionReply"])
    entry["properties"].pop("id")
    entry["required"] = [name for name in entry["required"] if name != "id"]
    entry["properties"]["score"] = {"type": "integer", "enum": [0, 1, 2]}
    entry["properties"]["evidence"] = {**entry["properties"]["evidence"], **quotes}
    entry["properties"]["feedback"]["maxLength"] = MAX_FEEDBACK_CHARS
    flag = deepcopy(defs["RedFlagReply"])
    flag["properties"]["id"] = {"type": "string", "enum": list(red_flag_ids)}
    flag["properties"]["evidence"] = {**flag["properties"]["evidence"], **quotes}
    schema = {key: value for key, value in base.items() if key != "$defs"}
    schema["properties"] = deepcopy(base["properties"])
    schema["properties"]["criteria"] = {
        "type": "object",
        "properties": {cid: entry for cid in criterion_ids},
        "required": list(criterion_ids),
        "additionalProperties": False,
    }
    schema["properties"]["red_flags"] = (
        {"type": "array", "items": flag, "maxItems": len(red_flag_ids)}
        if red_flag_ids
        else {"type": "array", "maxItems": 0}
    )
    schema["properties"]["followup"] = {
        "anyOf": [{"type": "string", "maxLength": 240}, {"type": "null"}],
        "description": schema["properties"]["followup"].get("description", ""),
    }
    return schema
