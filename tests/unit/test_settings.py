"""Settings come from defaults, the TOML file, COGTUI_* variables and flags, in that order."""

from cogtui.settings import SANDBOX_REGION, build_settings, load_file_settings


def test_flags_override_file_and_env(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('region = "eu-west-1"\nread-timeout = 9\nunknown = 1\n')
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


def test_broken_file_is_ignored(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text("this is = = not toml")
    assert load_file_settings(cfg) == {}


def test_aws_region_and_default_region_are_honoured():
    assert build_settings({}, environ={"AWS_REGION": "eu-west-3"}, file_values={}).region == "eu-west-3"
    assert (
        build_settings({}, environ={"AWS_DEFAULT_REGION": "ap-south-1"}, file_values={}).region
        == "ap-south-1"
    )
    both = {"AWS_REGION": "eu-west-3", "AWS_DEFAULT_REGION": "ap-south-1"}
    assert build_settings({}, environ=both, file_values={}).region == "eu-west-3"
    assert build_settings({"region": "us-west-2"}, environ=both, file_values={}).region == "us-west-2"
