"""Content kept as data, one item a YAML file named ``NN_slug.yaml`` (the teaching cases, the
audit entries), read and checked the same way: the file name, the YAML, one mapping, the
model's validation and the id equal to the file name's slug. Every problem names the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

FILE_NAME = re.compile(r"^(?P<order>\d{2})_(?P<slug>[a-z0-9]+(?:_[a-z0-9]+)*)\.yaml$")
SLUG = r"^[a-z0-9]+(?:_[a-z0-9]+)*$"
"""What an item's id may be: lower-case words joined by underscores (the file name's slug)."""


class ContentFileError(ValueError):
    """A content file is invalid; the message names the file and every problem."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = tuple(problems)
        super().__init__(f"{path.name}: " + "; ".join(problems))


Item = TypeVar("Item", bound=BaseModel)

# libyaml's loader when the machine has it (Debian's and PyPI's PyYAML wheels do): the same
# safe subset of YAML, read about ten times faster than the pure-Python one -- the article and
# the content files are read during a cold server's first page.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str) -> Any:
    """``text`` parsed as YAML with the safe loader (no Python objects); raises yaml.YAMLError."""
    return yaml.load(text, Loader=_SAFE_LOADER)


def validation_problems(error: ValidationError, whole: str) -> list[str]:
    """Pydantic's errors as 'where: what' lines (``whole`` where the item itself is wrong)."""
    return [
        f"{'.'.join(str(part) for part in item['loc']) or whole}: "
        + str(item["msg"]).removeprefix("Value error, ")
        for item in error.errors()
    ]


def load_content_file(
    path: Path, model: type[Item], what: str, example: str, error: type[ContentFileError]
) -> Item:
    """Read and validate one file as ``model`` (``what``: 'case', 'entry'; ``example``: a good
    file name); raises ``error`` naming the file and the problems."""
    name = FILE_NAME.match(path.name)
    if name is None:
        raise error(path, [f"file name must be NN_slug.yaml (e.g. {example})"])
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as problem:
        raise error(path, [f"not valid YAML: {problem}"]) from None
    if not isinstance(data, dict):
        raise error(path, [f"the file must hold one mapping of {what} fields"])
    try:
        item = model.model_validate(data)
    except ValidationError as problem:
        raise error(path, validation_problems(problem, what)) from None
    item_id = getattr(item, "id", None)
    if item_id != name["slug"]:
        raise error(path, [f"id {item_id!r} must equal the file name's slug {name['slug']!r}"])
    return item
