"""Settings come from defaults, the TOML file, COGTUI_* variables and flags, in that order."""

import subprocess
import sys

import pytest

from cogtui.settings import SANDBOX_REGION, SettingsError, build_settings, load_file_settings


def test_flags_override_file_and_env(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('region = "eu-west-1"\nread-timeout = 9\n')
    file_values = load_file_settings(cfg)
    assert file_values == {"region": "eu-west-1", "read_timeout": 9}
    s = build_settings(
        {"region": "ap-south-1", "profile": None},
        environ={"COGTUI_READ_ONLY": "yes"},
        file_values=file_values,
    )
    assert s.region == "ap-south-1" and s.read_only is True and s.read_timeout == 9 and s.profile is None


def test_sandbox_defaults_region():
    s = build_settings({"sandbox": True}, environ={}, file_values={})
    assert s.sandbox and s.region == SANDBOX_REGION


def test_a_file_that_is_not_toml_names_the_file_and_line(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('region = "eu-west-1"\nthis is = = not toml\n')
    with pytest.raises(SettingsError) as caught:
        load_file_settings(cfg)
    assert str(cfg) in str(caught.value) and "line 2" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "line", "key", "reason"),
    [
        (
            'region = "eu-west-1"\nread-timeout = "fast"\n',
            2,
            "read_timeout",
            "must be a number from 0.001 to 300",
        ),
        ("\n\nmax_attempts = 2.5\n", 3, "max_attempts", "must be a whole number from 1 to 10"),
        ('read_only = "no way"\n', 1, "read_only", "must be true or false"),
        ("connect_timeout = 9000\n", 1, "connect_timeout", "from 0.001 to 300"),
        ('profile = ""\n', 1, "profile", "must be non-empty text"),
        ("regoin = 1\n", 1, "regoin", "is not a setting"),
    ],
)
def test_a_value_that_cannot_be_used_names_file_line_and_key(tmp_path, text, line, key, reason):
    cfg = tmp_path / "config.toml"
    cfg.write_text(text)
    with pytest.raises(SettingsError) as caught:
        load_file_settings(cfg)
    message = str(caught.value)
    assert f"{cfg}, line {line}: {key}: " in message and reason in message, message


def test_no_file_means_no_settings(tmp_path):
    assert load_file_settings(tmp_path / "absent.toml") == {}


def test_a_variable_that_cannot_be_used_names_the_variable():
    with pytest.raises(SettingsError) as caught:
        build_settings({}, environ={"COGTUI_READ_TIMEOUT": "fast"}, file_values={})
    assert str(caught.value).startswith("COGTUI_READ_TIMEOUT: read_timeout: must be a number")


def test_the_command_line_stops_with_exit_2_on_a_broken_config(tmp_path):
    (tmp_path / "cogtui").mkdir()
    (tmp_path / "cogtui" / "config.toml").write_text("read_timeout = -1\n")
    env = {"XDG_CONFIG_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "cogtui", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2, done
    assert "config.toml, line 1: read_timeout: must be a number from 0.001 to 300, not -1" in done.stderr
    assert "Traceback" not in done.stderr


def test_aws_region_and_default_region_are_honoured():
    assert build_settings({}, environ={"AWS_REGION": "eu-west-3"}, file_values={}).region == "eu-west-3"
    assert (
        build_settings({}, environ={"AWS_DEFAULT_REGION": "ap-south-1"}, file_values={}).region
        == "ap-south-1"
    )
    both = {"AWS_REGION": "eu-west-3", "AWS_DEFAULT_REGION": "ap-south-1"}
    assert build_settings({}, environ=both, file_values={}).region == "eu-west-3"
    assert build_settings({"region": "us-west-2"}, environ=both, file_values={}).region == "us-west-2"
