"""One reader for the content files (teaching cases, audit entries): the same checks and the
same words for the same mistake, whichever kind of file it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.audit import AuditFileError, load_audit_file
from core.cases import CaseFileError, load_case_file
from core.content_files import ContentFileError

BAD_FILES = [
    ("sample.yaml", "id: sample\n", "file name must be NN_slug.yaml"),
    ("01_broken.yaml", "id: [unclosed\n", "not valid YAML"),
    ("01_list.yaml", "- one\n- two\n", "the file must hold one mapping of"),
]


@pytest.mark.parametrize(("name", "text", "problem"), BAD_FILES)
def test_a_bad_file_is_named_with_its_problem_by_both_readers(
    tmp_path: Path, name: str, text: str, problem: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for load, error in ((load_case_file, CaseFileError), (load_audit_file, AuditFileError)):
        with pytest.raises(error) as caught:
            load(path)
        assert isinstance(caught.value, ContentFileError)
        assert str(caught.value).startswith(f"{name}: {problem}")
