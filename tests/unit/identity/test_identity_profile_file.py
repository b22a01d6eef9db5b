"""Saving a profile changes one section of an AWS shared file and keeps every other byte, as
``aws configure set`` does; the file is rewritten atomically with mode 0600."""

from __future__ import annotations

import configparser
import os
import stat

import pytest

from cogtui.identity.export import ExportError, as_config_entry
from cogtui.identity.profile_file import (
    describe_existing,
    merge_section,
    plan_section_save,
    save_section,
    section_name,
    section_values,
)
from tests.unit.identity.test_identity_export import SECRET, SESSION, creds

VALUES = [("aws_access_key_id", "ASIANEW"), ("aws_secret_access_key", "s3cret"), ("aws_session_token", "tok")]

USER_FILE = """\
# my AWS credentials: do not lose these comments
[default]
aws_access_key_id = AKIADEFAULT
aws_secret_access_key = default-secret

; the work account
[work]
aws_access_key_id=AKIAWORK
aws_secret_access_key=work-secret
region = eu-west-1   ; trailing comment kept
"""


def test_adding_a_section_keeps_every_byte_before_it():
    text, replaced = merge_section(USER_FILE, "cogtui", VALUES, comment="# expires 2030-01-31T10:00:05Z")
    assert not replaced
    assert text == USER_FILE + (
        "\n[cogtui]\naws_access_key_id = ASIANEW\naws_secret_access_key = s3cret\n"
        "aws_session_token = tok\n# expires 2030-01-31T10:00:05Z\n"
    )


def test_replacing_a_section_changes_only_its_keys():
    text, replaced = merge_section(USER_FILE, "work", VALUES)
    assert replaced
    expected = USER_FILE.replace("aws_access_key_id=AKIAWORK", "aws_access_key_id = ASIANEW").replace(
        "aws_secret_access_key=work-secret", "aws_secret_access_key = s3cret"
    )
    # the missing key goes after the section's last key line; the other keys and comments stay
    expected = expected.replace("trailing comment kept\n", "trailing comment kept\naws_session_token = tok\n")
    assert text == expected
    parser = configparser.RawConfigParser()
    parser.read_string(text)
    assert dict(parser["default"]) == {
        "aws_access_key_id": "AKIADEFAULT",
        "aws_secret_access_key": "default-secret",
    }
    assert parser["work"]["aws_access_key_id"] == "ASIANEW" and parser["work"]["aws_session_token"] == "tok"


def test_saving_twice_replaces_the_section_and_its_expiry_line_in_place():
    first, _ = merge_section(USER_FILE, "cogtui", VALUES, comment="# expires 2030-01-31T10:00:05Z")
    newer = [(k, v + "2") for k, v in VALUES]
    second, replaced = merge_section(first, "cogtui", newer, comment="# expires 2030-02-01T00:00:00Z")
    assert replaced
    assert second == first.replace("ASIANEW", "ASIANEW2").replace("s3cret", "s3cret2").replace(
        "= tok", "= tok2"
    ).replace("2030-01-31T10:00:05Z", "2030-02-01T00:00:00Z")
    assert second.count("[cogtui]") == 1


def test_crlf_files_and_a_missing_final_newline_keep_their_style():
    original = "[a]\r\nx = 1\r\n# note\r\n[b]\r\ny = 2"
    text, replaced = merge_section(original, "b", [("y", "3"), ("z", "4")])
    assert replaced and text == "[a]\r\nx = 1\r\n# note\r\n[b]\r\ny = 3\r\nz = 4\r\n"
    added, _ = merge_section("[a]\nx = 1", "c", [("k", "v")])
    assert added == "[a]\nx = 1\n\n[c]\nk = v\n"
    assert merge_section("", "c", [("k", "v")]) == ("[c]\nk = v\n", False)


def test_a_section_name_is_matched_exactly_not_by_prefix():
    original = "[cogtui-old]\naws_access_key_id = OLD\n[profile cogtui]\ncredential_process = x\n"
    text, replaced = merge_section(original, "cogtui", VALUES[:1])
    assert not replaced and text.startswith(original)


def test_config_sections_are_profile_name_and_hold_a_credential_process():
    assert section_name("config", "app") == "profile app"
    assert section_name("config", "default") == "default" and section_name("credentials", "app") == "app"
    with pytest.raises(ExportError, match="not a usable profile name"):
        section_name("credentials", "bad]name")
    values, comment = section_values("config", creds(), "cogtui identity credentials --guest")
    assert values == [("credential_process", "cogtui identity credentials --guest")] and comment is None
    text, _ = merge_section("[profile app]\nregion = us-east-1\n", "profile app", values)
    assert (
        text
        == "[profile app]\nregion = us-east-1\ncredential_process = cogtui identity credentials --guest\n"
    )
    assert (
        as_config_entry(creds(), profile="app", command="cmd") == "[profile app]\ncredential_process = cmd\n"
    )


def test_save_section_writes_0600_atomically_and_says_what_it_did(tmp_path):
    path = tmp_path / "credentials"
    path.write_text(USER_FILE)
    os.chmod(path, 0o644)
    values, comment = section_values("credentials", creds())
    plan = plan_section_save(path, "credentials", "cogtui", values, comment=comment)
    assert (
        plan.sentence == f"add section [cogtui] to {path}" and path.read_text() == USER_FILE
    )  # nothing written
    done = save_section(path, "credentials", "cogtui", values, comment=comment)
    assert done.done == f"Added section [cogtui] to {path}"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    text = path.read_text()
    assert text.startswith(USER_FILE) and f"aws_secret_access_key = {SECRET}" in text and SESSION in text
    again = plan_section_save(path, "credentials", "cogtui", values, comment=comment)
    assert again.sentence == f"replace section [cogtui] in {path}" and again.text == text
    assert [p.name for p in tmp_path.iterdir()] == ["credentials"]  # no temporary file left behind


def test_save_refuses_links_and_binary_files(tmp_path):
    real = tmp_path / "real"
    real.write_text(USER_FILE)
    link = tmp_path / "link"
    link.symlink_to(real)
    with pytest.raises(ExportError, match="symbolic link"):
        save_section(link, "credentials", "cogtui", VALUES)
    binary = tmp_path / "binary"
    binary.write_bytes(b"\xff\xfe[a]\n")
    with pytest.raises(ExportError, match="not UTF-8"):
        plan_section_save(binary, "credentials", "cogtui", VALUES)
    assert real.read_text() == USER_FILE and binary.read_bytes() == b"\xff\xfe[a]\n"


def test_describe_existing_names_what_would_be_replaced(tmp_path):
    path = tmp_path / "out.json"
    assert describe_existing(path) == ""
    path.write_text(USER_FILE)
    assert (
        describe_existing(path)
        == f"{path} already exists ({len(USER_FILE)} bytes, sections [default], [work])"
    )
